"""JAX reference for `make bench`: the same MLP training step (batch 128, SGD lr 0.01, momentum 0.9,
softmax cross-entropy, He init, Float32) over one epoch of 60,000 inputs of dimension 784, jit-compiled.

Not part of the build: run it by hand beside memgen-bench to compare on the same machine, e.g.
    pip install "jax[cpu]"
    taskset -c 0 python3 Sources/memgen-bench/jax_reference.py      # one core
    python3 Sources/memgen-bench/jax_reference.py                   # both cores
Prints the median samples/s of 3 epochs after one warm-up epoch, as memgen-bench does.
"""
import os, statistics, sys, time

os.environ.setdefault("XLA_FLAGS", "--xla_force_host_platform_device_count=1")
import jax
import jax.numpy as jnp
import numpy as np


def init(key, sizes):
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        key, sub = jax.random.split(key)
        params.append((jax.random.normal(sub, (fan_in, fan_out), jnp.float32) * np.sqrt(2.0 / fan_in),
                       jnp.zeros((fan_out,), jnp.float32)))
    return params


def loss(params, x, y):
    h = x
    for w, b in params[:-1]:
        h = jax.nn.relu(h @ w + b)
    w, b = params[-1]
    logits = h @ w + b
    return -jnp.mean(jnp.take_along_axis(jax.nn.log_softmax(logits), y[:, None], axis=1))


@jax.jit
def step(params, velocity, x, y):
    grads = jax.grad(loss)(params, x, y)
    velocity = jax.tree_util.tree_map(lambda v, g: 0.9 * v + g, velocity, grads)
    params = jax.tree_util.tree_map(lambda p, v: p - 0.01 * v, params, velocity)
    return params, velocity


def epoch_seconds(params, velocity, x, y, batch=128):
    start = time.perf_counter()
    for i in range(0, x.shape[0] - batch + 1, batch):
        params, velocity = step(params, velocity, x[i:i + batch], y[i:i + batch])
    jax.block_until_ready(params)
    return time.perf_counter() - start, params, velocity


def main():
    rng = np.random.default_rng(1)
    n = 60_000
    x = jnp.asarray(rng.random((n, 784), dtype=np.float32))
    y = jnp.asarray(rng.integers(0, 10, n), dtype=jnp.int32)
    for name, sizes in [("MLP 784-512-10", [784, 512, 10]), ("MLP 784-512-512-512-10", [784, 512, 512, 512, 10])]:
        params = init(jax.random.PRNGKey(0), sizes)
        velocity = jax.tree_util.tree_map(jnp.zeros_like, params)
        _, params, velocity = epoch_seconds(params, velocity, x, y)  # warm-up (and compilation)
        times = []
        for _ in range(3):
            seconds, params, velocity = epoch_seconds(params, velocity, x, y)
            times.append(seconds)
        print(f"{name:28s} jax {jax.__version__}  cpus {len(os.sched_getaffinity(0))}  "
              f"{(n // 128) * 128 / statistics.median(times):9.0f} samples/s", flush=True)


if __name__ == "__main__":
    sys.exit(main())
