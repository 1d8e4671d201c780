// Convolution-only training step of the small CNN (c32-p-c64-p-d128-d10, batch 128, 28x28x1)
// with oneDNN primitives: forward, backward-data (except the first layer) and backward-weights
// of both convolutions and both dense layers. Measures samples/s; the pooling/ReLU/loss passes
// are left out, as in memgen-bench's convolution-only bound.
//
//   make bench-onednn      (installs libdnnl-dev and g++, builds, runs at 1 and 2 threads), or
//   g++ -O2 -std=c++17 onednn_reference.cpp -ldnnl -o onednn-reference
//   OMP_NUM_THREADS=1 ./onednn-reference any|nchw|nhwc|reorder [FILE: dump conv2's weight gradient, OIHW]
#include <dnnl.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <algorithm>
#include <cstring>
using namespace dnnl;
using tag = memory::format_tag;
using dt = memory::data_type;

struct Conv {
  convolution_forward fwd; convolution_backward_data bwd_data; convolution_backward_weights bwd_w;
  memory src, w, b, dst, diff_dst, diff_src, diff_w, diff_b;
  bool need_data;
  // "reorder" mode: the caller's plain NCHW/OIHW buffers, converted at every call as a drop-in
  // convolution inside an NCHW network would have to.
  bool plain = false;
  memory user_src, user_dst, user_diff_dst, user_diff_src, user_w, user_diff_w;
};

static Conv make_conv(engine& eng, int N, int C, int K, int H, bool need_data, const char* mode) {
  bool plain = std::strcmp(mode, "reorder") == 0;
  bool any = std::strcmp(mode, "any") == 0 || plain, nhwc = std::strcmp(mode, "nhwc") == 0;
  memory::dims src_d = {N, C, H, H}, w_d = {K, C, 3, 3}, b_d = {K}, dst_d = {N, K, H, H};
  memory::dims strides = {1, 1}, pad = {1, 1};
  auto f = any ? tag::any : nhwc ? tag::nhwc : tag::nchw; auto fw = (any || nhwc) ? tag::any : tag::oihw;
  auto src_md = memory::desc(src_d, dt::f32, f), w_md = memory::desc(w_d, dt::f32, fw);
  auto b_md = memory::desc(b_d, dt::f32, tag::x), dst_md = memory::desc(dst_d, dt::f32, f);
  auto fpd = convolution_forward::primitive_desc(convolution_forward::desc(prop_kind::forward_training, algorithm::convolution_direct,
                                                 src_md, w_md, b_md, dst_md, strides, pad, pad), eng);
  auto dpd = convolution_backward_data::primitive_desc(convolution_backward_data::desc(algorithm::convolution_direct, src_md, w_md, dst_md, strides, pad, pad), eng, fpd);
  auto wpd = convolution_backward_weights::primitive_desc(convolution_backward_weights::desc(algorithm::convolution_direct, src_md, w_md, b_md, dst_md, strides, pad, pad), eng, fpd);
  Conv c;
  c.fwd = convolution_forward(fpd); c.bwd_data = convolution_backward_data(dpd); c.bwd_w = convolution_backward_weights(wpd);
  c.src = memory(fpd.src_desc(), eng); c.w = memory(fpd.weights_desc(), eng); c.b = memory(fpd.bias_desc(), eng);
  c.dst = memory(fpd.dst_desc(), eng); c.diff_dst = memory(wpd.diff_dst_desc(), eng);
  c.diff_src = memory(dpd.diff_src_desc(), eng); c.diff_w = memory(wpd.diff_weights_desc(), eng); c.diff_b = memory(wpd.diff_bias_desc(), eng);
  c.need_data = need_data;
  c.plain = plain;
  if (plain) {
    c.user_src = memory(memory::desc(src_d, dt::f32, tag::nchw), eng); c.user_dst = memory(memory::desc(dst_d, dt::f32, tag::nchw), eng);
    c.user_diff_dst = memory(memory::desc(dst_d, dt::f32, tag::nchw), eng); c.user_diff_src = memory(memory::desc(src_d, dt::f32, tag::nchw), eng);
    c.user_w = memory(memory::desc(w_d, dt::f32, tag::oihw), eng); c.user_diff_w = memory(memory::desc(w_d, dt::f32, tag::oihw), eng);
  }
  // Fill in plain layouts, then reorder into oneDNN's: the logical values do not depend on the layout.
  stream st(eng);
  auto fill = [&](memory& m, memory::dims d, tag t) {
    memory plain(memory::desc(d, dt::f32, t), eng);
    float* p = (float*)plain.get_data_handle(); size_t n = plain.get_desc().get_size() / 4;
    for (size_t i = 0; i < n; i++) p[i] = (float)((i * 2654435761u) % 1000) / 1000.0f - 0.5f;
    reorder(plain, m).execute(st, plain, m); st.wait();
  };
  fill(c.src, src_d, tag::nchw); fill(c.w, w_d, tag::oihw); fill(c.b, b_d, tag::x); fill(c.diff_dst, dst_d, tag::nchw);
  std::printf("  conv %dx%d %d->%d: fwd %s | bwd-data %s | bwd-w %s\n", H, H, C, K, fpd.impl_info_str(), dpd.impl_info_str(), wpd.impl_info_str());
  return c;
}

struct Dense {
  inner_product_forward fwd; inner_product_backward_data bwd_data; inner_product_backward_weights bwd_w;
  memory src, w, b, dst, diff_dst, diff_src, diff_w, diff_b;
};

static Dense make_dense(engine& eng, int N, int I, int O) {
  auto src_md = memory::desc({N, I}, dt::f32, tag::nc), w_md = memory::desc({O, I}, dt::f32, tag::any);
  auto b_md = memory::desc({O}, dt::f32, tag::x), dst_md = memory::desc({N, O}, dt::f32, tag::nc);
  auto fpd = inner_product_forward::primitive_desc(inner_product_forward::desc(prop_kind::forward_training, src_md, w_md, b_md, dst_md), eng);
  auto dpd = inner_product_backward_data::primitive_desc(inner_product_backward_data::desc(src_md, w_md, dst_md), eng, fpd);
  auto wpd = inner_product_backward_weights::primitive_desc(inner_product_backward_weights::desc(src_md, w_md, b_md, dst_md), eng, fpd);
  Dense d;
  d.fwd = inner_product_forward(fpd); d.bwd_data = inner_product_backward_data(dpd); d.bwd_w = inner_product_backward_weights(wpd);
  d.src = memory(fpd.src_desc(), eng); d.w = memory(fpd.weights_desc(), eng); d.b = memory(fpd.bias_desc(), eng);
  d.dst = memory(fpd.dst_desc(), eng); d.diff_dst = memory(wpd.diff_dst_desc(), eng); d.diff_src = memory(dpd.diff_src_desc(), eng);
  d.diff_w = memory(wpd.diff_weights_desc(), eng); d.diff_b = memory(wpd.diff_bias_desc(), eng);
  for (auto* m : {&d.src, &d.w, &d.b, &d.diff_dst}) {
    float* p = (float*)m->get_data_handle(); size_t n = m->get_desc().get_size() / 4;
    for (size_t i = 0; i < n; i++) p[i] = (float)((i * 40503u) % 1000) / 1000.0f - 0.5f;
  }
  return d;
}

int main(int argc, char** argv) {
  const char* mode = argc < 2 ? "any" : argv[1];
  const int N = 128;
  engine eng(engine::kind::cpu, 0); stream s(eng);
  std::printf("format %s\n", mode);
  Conv c1 = make_conv(eng, N, 1, 32, 28, false, mode), c2 = make_conv(eng, N, 32, 64, 14, true, mode);
  Dense d1 = make_dense(eng, N, 3136, 128), d2 = make_dense(eng, N, 128, 10);
  auto in = [&](Conv& c, memory& user, memory& inner) { if (c.plain) reorder(user, inner).execute(s, user, inner); };
  auto step = [&]() {
    for (Conv* c : {&c1, &c2}) { in(*c, c->user_w, c->w); in(*c, c->user_src, c->src); }
    c1.fwd.execute(s, {{DNNL_ARG_SRC, c1.src}, {DNNL_ARG_WEIGHTS, c1.w}, {DNNL_ARG_BIAS, c1.b}, {DNNL_ARG_DST, c1.dst}});
    c2.fwd.execute(s, {{DNNL_ARG_SRC, c2.src}, {DNNL_ARG_WEIGHTS, c2.w}, {DNNL_ARG_BIAS, c2.b}, {DNNL_ARG_DST, c2.dst}});
    for (Conv* c : {&c1, &c2}) in(*c, c->dst, c->user_dst);
    d1.fwd.execute(s, {{DNNL_ARG_SRC, d1.src}, {DNNL_ARG_WEIGHTS, d1.w}, {DNNL_ARG_BIAS, d1.b}, {DNNL_ARG_DST, d1.dst}});
    d2.fwd.execute(s, {{DNNL_ARG_SRC, d2.src}, {DNNL_ARG_WEIGHTS, d2.w}, {DNNL_ARG_BIAS, d2.b}, {DNNL_ARG_DST, d2.dst}});
    for (Dense* d : {&d2, &d1}) {
      d->bwd_w.execute(s, {{DNNL_ARG_SRC, d->src}, {DNNL_ARG_DIFF_DST, d->diff_dst}, {DNNL_ARG_DIFF_WEIGHTS, d->diff_w}, {DNNL_ARG_DIFF_BIAS, d->diff_b}});
      d->bwd_data.execute(s, {{DNNL_ARG_DIFF_DST, d->diff_dst}, {DNNL_ARG_WEIGHTS, d->w}, {DNNL_ARG_DIFF_SRC, d->diff_src}});
    }
    for (Conv* c : {&c2, &c1}) {
      in(*c, c->user_diff_dst, c->diff_dst);
      c->bwd_w.execute(s, {{DNNL_ARG_SRC, c->src}, {DNNL_ARG_DIFF_DST, c->diff_dst}, {DNNL_ARG_DIFF_WEIGHTS, c->diff_w}, {DNNL_ARG_DIFF_BIAS, c->diff_b}});
      if (c->need_data) c->bwd_data.execute(s, {{DNNL_ARG_DIFF_DST, c->diff_dst}, {DNNL_ARG_WEIGHTS, c->w}, {DNNL_ARG_DIFF_SRC, c->diff_src}});
      if (c->need_data) in(*c, c->diff_src, c->user_diff_src);
      in(*c, c->diff_w, c->user_diff_w);
    }
    s.wait();
  };
  for (int i = 0; i < 5; i++) step();
  std::vector<double> rates;
  for (int r = 0; r < 5; r++) {
    auto t0 = std::chrono::steady_clock::now(); int steps = 0; double el = 0;
    do { step(); steps++; el = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); } while (el < 2.0);
    rates.push_back(N * steps / el);
  }
  std::sort(rates.begin(), rates.end());
  std::printf("samples/s median %.0f (min %.0f, max %.0f)\n", rates[2], rates[0], rates[4]);
  // Determinism: backward weights of conv2 twice.
  std::vector<float> a(c2.diff_w.get_desc().get_size() / 4);
  c2.bwd_w.execute(s, {{DNNL_ARG_SRC, c2.src}, {DNNL_ARG_DIFF_DST, c2.diff_dst}, {DNNL_ARG_DIFF_WEIGHTS, c2.diff_w}, {DNNL_ARG_DIFF_BIAS, c2.diff_b}}); s.wait();
  std::memcpy(a.data(), c2.diff_w.get_data_handle(), a.size() * 4);
  c2.bwd_w.execute(s, {{DNNL_ARG_SRC, c2.src}, {DNNL_ARG_DIFF_DST, c2.diff_dst}, {DNNL_ARG_DIFF_WEIGHTS, c2.diff_w}, {DNNL_ARG_DIFF_BIAS, c2.diff_b}}); s.wait();
  std::printf("conv2 weight gradient repeat bit-identical: %s\n", std::memcmp(a.data(), c2.diff_w.get_data_handle(), a.size() * 4) == 0 ? "yes" : "no");
  if (argc > 2) {
    // Dump in the plain OIHW layout, so that runs whose blocked layouts differ still compare.
    memory plain(memory::desc({64, 32, 3, 3}, dt::f32, tag::oihw), eng);
    reorder(c2.diff_w, plain).execute(s, c2.diff_w, plain); s.wait();
    FILE* f = std::fopen(argv[2], "wb"); std::fwrite(plain.get_data_handle(), 4, 64 * 32 * 9, f); std::fclose(f);
  }
  return 0;
}
