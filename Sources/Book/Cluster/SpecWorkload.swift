/// The amount of arithmetic a run's spec asks for, read from the keys most kinds share: training
/// examples × passes over them × multiply-adds of one forward pass of the network.
///
/// This is a model, not a measurement: it knows the shared sections (`data`, `model`, `hidden`,
/// `epochs`, …) and falls back to neutral values for a kind's own keys. ``CostModel`` turns it
/// into seconds with a per-kind factor, calibrated from the cache's history where there is one.
struct SpecWorkload: Sendable, Equatable {
    /// Training examples (`data.train`, else `n`, else 1,000).
    var examples: Double
    /// Passes over the training examples (`epochs`, `max-epochs`, `steps` or SGLD's sampling
    /// steps in batches, times `restarts`; else 1).
    var passes: Double
    /// Multiply-adds of one forward pass for one example (the network's weights for an MLP; the
    /// convolutions' work per image for a CNN or ResNet).
    var multiplyAdds: Double

    /// Forward + backward multiply-adds of the whole run.
    var units: Double { 3 * examples * passes * multiplyAdds }

    /// Input size of the data sets the kinds read.
    static func inputSize(_ spec: SpecValue) -> (features: Double, side: Double, channels: Double) {
        switch spec[path: "data.set"]?.textValue {
        case "cifar10": return (3072, 32, 3)
        case "fashion-mnist", "mnist", "kmnist":
            let crop = spec[path: "data.crop"]?.intValue ?? 0
            let side = crop > 0 ? Double(min(crop, 28)) : 28
            return (side * side, side, 1)
        default:
            let d = spec[path: "data.dimension"]?.doubleValue ?? spec[path: "d"]?.doubleValue ?? 784
            return (d, 1, 1)
        }
    }

    /// The workload of `spec`.
    init(spec: SpecValue) {
        examples = spec[path: "data.train"]?.doubleValue ?? spec[path: "n"]?.doubleValue
            ?? spec[path: "train-fraction"].flatMap(\.doubleValue).map { 4096 * $0 } ?? 1000
        let batch = spec[path: "batch"]?.doubleValue ?? 128
        var passes = spec[path: "epochs"]?.doubleValue ?? spec[path: "max-epochs"]?.doubleValue
        if passes == nil, let steps = spec[path: "steps"]?.doubleValue { passes = steps * batch / examples }
        if passes == nil, let burnIn = spec[path: "burn-in"]?.doubleValue {
            let samples = spec[path: "samples"]?.doubleValue ?? 1, thin = spec[path: "thin"]?.doubleValue ?? 1
            passes = (burnIn + samples * thin) * batch / examples
        }
        self.passes = (passes ?? 1) * (spec[path: "restarts"]?.doubleValue ?? 1) + (spec[path: "finetune"]?.doubleValue ?? 0)
        multiplyAdds = SpecWorkload.forwardMultiplyAdds(spec)
    }

    init(examples: Double, passes: Double, multiplyAdds: Double) {
        self.examples = examples
        self.passes = passes
        self.multiplyAdds = multiplyAdds
    }

    /// Multiply-adds of one forward pass: dense layers in → hidden… → 10 classes; convolutions
    /// at full resolution for the first block and a quarter of the pixels after each pooling.
    static func forwardMultiplyAdds(_ spec: SpecValue) -> Double {
        let input = inputSize(spec)
        let classes = spec[path: "data.classes"]?.doubleValue.flatMap { $0 > 0 ? $0 : nil } ?? 10
        func dense(_ widths: [Double]) -> Double {
            zip(widths, widths.dropFirst()).map { $0 * $1 }.reduce(0, +)
        }
        let model = spec[path: "model"]?.variantCase
        if let model, model.name == "cnn" {
            let channels = (model.fields["channels"]?.listValue ?? []).compactMap(\.doubleValue)
            let kernel = model.fields["kernel"]?.doubleValue ?? 3
            var pixels = input.side * input.side, inChannels = input.channels, total = 0.0
            for c in channels {
                total += pixels * inChannels * c * kernel * kernel
                pixels /= 4
                inChannels = c
            }
            let denseWidths = (model.fields["dense"]?.listValue ?? []).compactMap(\.doubleValue)
            return total + dense([pixels * inChannels] + denseWidths + [classes])
        }
        if let model, model.name == "resnet" {
            let width = model.fields["width"]?.doubleValue ?? 16, blocks = model.fields["blocks"]?.doubleValue ?? 1
            let pixels = input.side * input.side
            return pixels * (input.channels * width * 9 + blocks * 2 * width * width * 9) + dense([width, classes])
        }
        let hidden = (model?.fields["hidden"]?.listValue ?? spec[path: "hidden"]?.listValue ?? [.integer(512)]).compactMap(\.doubleValue)
        return dense([input.features] + hidden + [classes])
    }
}
