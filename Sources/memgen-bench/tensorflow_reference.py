"""TensorFlow CPU reference for `make bench`: the same convolutional training steps as memgen-bench
(batch 128, SGD lr 0.01 momentum 0.9, softmax cross-entropy, Float32, NCHW-equivalent 1×28×28
inputs fed as NHWC, TensorFlow's native CPU layout) over one epoch of 60,000 inputs, the step
compiled with tf.function (TensorFlow's CPU kernels for convolution, pooling and batch norm are
oneDNN's).

Networks:
  small CNN      conv3×3 32 (same) + ReLU, max pool 2, conv3×3 64 + ReLU, max pool 2, dense 128 + ReLU, dense 10
  small Inception ×⅛ (BN)  Zhang et al.'s small Inception with every channel count × 0.125
                 (see ModelArchitecture.smallInception), each convolution + BatchNorm + ReLU.

Not part of the build: run it by hand beside memgen-bench on the same machine, e.g.
    pip install tensorflow-cpu
    taskset -c 0 python3 Sources/memgen-bench/tensorflow_reference.py 1    # one core, one thread
    python3 Sources/memgen-bench/tensorflow_reference.py 2                  # two threads
Prints the median samples/s of 3 epochs after one warm-up epoch, as memgen-bench does.
"""
import os, statistics, sys, time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np
import tensorflow as tf

WIDTH = 0.125


def small_cnn():
    return tf.keras.Sequential([
        tf.keras.Input((28, 28, 1)),
        tf.keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
        tf.keras.layers.MaxPool2D(2),
        tf.keras.layers.Conv2D(64, 3, padding="same", activation="relu"),
        tf.keras.layers.MaxPool2D(2),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(128, activation="relu"),
        tf.keras.layers.Dense(10),
    ])


def small_inception(width=WIDTH):
    def c(n):
        return max(1, round(n * width))

    def conv(x, n, k, stride=1, padding="same"):
        x = tf.keras.layers.Conv2D(c(n), k, strides=stride, padding=padding)(x)
        x = tf.keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5)(x)
        return tf.keras.layers.ReLU()(x)

    def inception(x, c1, c3):
        return tf.keras.layers.Concatenate()([conv(x, c1, 1), conv(x, c3, 3)])

    def downsample(x, c3):
        return tf.keras.layers.Concatenate()([conv(x, c3, 3, 2, "valid"), tf.keras.layers.MaxPool2D(3, 2)(x)])

    inputs = tf.keras.Input((28, 28, 1))
    x = conv(inputs, 96, 3)
    x = inception(x, 32, 32)
    x = inception(x, 32, 48)
    x = downsample(x, 80)
    for c1, c3 in [(112, 48), (96, 64), (80, 80), (48, 96)]:
        x = inception(x, c1, c3)
    x = downsample(x, 96)
    x = inception(x, 176, 160)
    x = inception(x, 176, 160)
    x = tf.keras.layers.GlobalAveragePooling2D()(x)
    return tf.keras.Model(inputs, tf.keras.layers.Dense(10)(x))


def epoch_seconds(step, x, y, batch=128):
    start = time.perf_counter()
    for i in range(0, x.shape[0] - batch + 1, batch):
        loss = step(x[i:i + batch], y[i:i + batch])
    float(loss)
    return time.perf_counter() - start


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else len(os.sched_getaffinity(0))
    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    rng = np.random.default_rng(1)
    n = 60_000
    x = tf.constant(rng.random((n, 28, 28, 1), dtype=np.float32))
    y = tf.constant(rng.integers(0, 10, n), dtype=tf.int32)
    only = os.environ.get("BENCH_ONLY", "")
    for name, build in [("small CNN (c32-p-c64-p-d128)", small_cnn), ("small Inception ×⅛ (BN)", small_inception)]:
        if only not in name:
            continue
        model = build()
        optimizer = tf.keras.optimizers.SGD(0.01, momentum=0.9)
        loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)

        @tf.function(jit_compile=False)
        def step(xb, yb):
            with tf.GradientTape() as tape:
                loss = loss_fn(yb, model(xb, training=True))
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables))
            return loss

        epoch_seconds(step, x, y)  # warm-up (and tracing)
        times = [epoch_seconds(step, x, y) for _ in range(3)]
        print(f"{name:31s} tensorflow {tf.__version__}  threads {threads}  "
              f"{(n // 128) * 128 / statistics.median(times):9.0f} samples/s", flush=True)


if __name__ == "__main__":
    sys.exit(main())
