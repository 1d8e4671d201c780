import Foundation
import TrainingCore

/// `kind: symbolic-features` — a CPU-scale analogue of G-SSNN ("Symbolic synthesis of neural
/// networks", 2023): local, discrete features computed by a fixed symbolic program are injected
/// into the input embedding of a small neural module, on a task whose label depends on local,
/// discrete structure, with 128-odd training examples.
///
/// The task ("constant colour", after the paper's RAVEN attribute): a `grid × grid` board holds
/// `objects` coloured cells (colours 1…`colours`) at distinct random positions; the label is 1
/// when every object has the same colour, else 0 (drawn first, so the classes are balanced). Each
/// cell is embedded as the one-hot of its content (background or a colour); a program adds its
/// own one-hot features per cell, and the concatenation goes to an MLP.
///
/// Programs (written by hand here: no program search and no library learning, as in the paper):
/// - `none`: the baseline, no injected features;
/// - `matching`: for a coloured cell, how many *other* objects share its colour (0 … objects − 1) —
///   the relation the label is made of;
/// - `irrelevant`: for a coloured cell, the quadrant of the board it lies in — varies with the image,
///   unrelated to the label;
/// - `misleading`: for a coloured cell, `(colour + row) mod colours` — looks like a colour code, but
///   one colour gets different codes in different rows, against the task's structure.
public struct SymbolicFeaturesExperiment: Experiment {
    public init() {}
    public var name: String { "symbolic-features" }
    public var version: String { "symbolic-features-1" }

    public struct Parameters: SpecRecord {
        enum Program: String, SpecChoice { case none, matching, irrelevant, misleading }
        var features = Program.none
        var grid = 6
        var objects = 3
        var colours = 4
        var train = 128
        var test = 2000
        var hidden = [64]
        var lr = 0.001
        var batch = 32
        var epochs = 100

        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("features", \.features, "the program whose per-cell features are injected (none: the baseline)"),
            SpecParameter("grid", \.grid, 2...32, "board side in cells"),
            SpecParameter("objects", \.objects, 2...16, "coloured cells per board"),
            SpecParameter("colours", \.colours, 2...16),
            SpecParameter("train", \.train, 2...100000, "training boards"),
            SpecParameter("test", \.test, 1...100000, "test boards"),
            SpecParameter("hidden", \.hidden, 1...4096, count: 1...3, "MLP hidden widths (ReLU)"),
            SpecParameter("lr", \.lr, 1e-6...10, "Adam's learning rate (β 0.9, 0.999)"),
            SpecParameter("batch", \.batch, 1...100000),
            SpecParameter("epochs", \.epochs, 1...100000),
        ]
        public init() {}
    }

    public func check(_ p: Parameters) throws(KindIssue) {
        if p.objects > p.grid * p.grid {
            throw KindIssue(path: "objects", message: "\(p.objects) objects do not fit on a \(p.grid) × \(p.grid) board (valid: at most \(p.grid * p.grid))")
        }
        try checkBatch(p.batch, fits: p.train)
    }

    public var quickCaps: KeyValuePairs<String, Int> { ["test": 200, "epochs": 5] }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        MetricCatalog(series: [], scalars: ["test-accuracy", "train-accuracy", "inputs", "parameters"])
    }

    /// One board: the content of every cell (0 background, 1…colours) and its label.
    struct Board { var cells: [Int]; var label: Int }

    static func boards(_ count: Int, _ p: Parameters, rng: inout SeededGenerator) -> [Board] {
        (0..<count).map { _ in
            let label = rng.nextInt(below: 2)
            var colours: [Int]
            repeat {
                if label == 1 {
                    colours = [Int](repeating: 1 + rng.nextInt(below: p.colours), count: p.objects)
                } else {
                    colours = (0..<p.objects).map { _ in 1 + rng.nextInt(below: p.colours) }
                }
            } while label == 0 && Set(colours).count == 1
            let positions = rng.permutation(p.grid * p.grid).prefix(p.objects)
            var cells = [Int](repeating: 0, count: p.grid * p.grid)
            for (object, position) in positions.enumerated() { cells[position] = colours[object] }
            return Board(cells: cells, label: label)
        }
    }

    /// Features per cell: the content's one-hot (colours + 1), then the program's one-hot.
    static func width(_ p: Parameters) -> Int {
        let own = p.colours + 1
        switch p.features {
        case .none: return own
        case .matching: return own + p.objects
        case .irrelevant: return own + 4
        case .misleading: return own + p.colours
        }
    }

    static func encode(_ boards: [Board], _ p: Parameters) throws -> LabeledData {
        let w = width(p), cellsPerBoard = p.grid * p.grid
        var x = [Float](repeating: 0, count: boards.count * cellsPerBoard * w)
        for (b, board) in boards.enumerated() {
            for cell in 0..<cellsPerBoard {
                let base = (b * cellsPerBoard + cell) * w, content = board.cells[cell]
                x[base + content] = 1
                guard content > 0 else { continue }
                let extra = base + p.colours + 1
                let row = cell / p.grid, column = cell % p.grid
                switch p.features {
                case .none: break
                case .matching: x[extra + board.cells.filter { $0 == content }.count - 1] = 1
                case .irrelevant: x[extra + (row < p.grid / 2 ? 0 : 2) + (column < p.grid / 2 ? 0 : 1)] = 1
                case .misleading: x[extra + (content - 1 + row) % p.colours] = 1
                }
            }
        }
        return try LabeledData(inputs: Tensor(shape: [boards.count, cellsPerBoard * w], scalars: x), labels: boards.map(\.label), classes: 2)
    }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        // The boards depend on the seed only, so the four programs of one seed see the same data.
        var dataRNG = SeededGenerator(seed: seed, stream: "boards")
        let trainBoards = Self.boards(p.train, p, rng: &dataRNG), testBoards = Self.boards(p.test, p, rng: &dataRNG)
        let train = try Self.encode(trainBoards, p), test = try Self.encode(testBoards, p)
        var rng = SeededGenerator(seed: seed)
        let model = try Model(architecture: .mlp(hidden: p.hidden, activation: .relu), inputShape: train.sampleShape, classes: 2, rng: &rng)
        let adam = OptimizerConfig.adam(.init(learningRate: p.lr, beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
        _ = try Trainer.train(model: model, train: train, test: nil, config: .kind(batch: p.batch, epochs: p.epochs, optimizer: adam), rng: &rng)
        context.progress(RunProgress(epoch: p.epochs, epochs: p.epochs, loss: 0, accuracy: 0))
        var m = Measurements()
        m.scalars["test-accuracy"] = Evaluation(model: model, data: test).accuracy
        m.scalars["train-accuracy"] = Evaluation(model: model, data: train).accuracy
        m.scalars["inputs"] = Double(train.sampleSize)
        m.scalars["parameters"] = Double(model.parameterCount)
        return m
    }
}
