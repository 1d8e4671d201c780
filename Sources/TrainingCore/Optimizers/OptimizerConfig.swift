/// An optimizer described as a value (Codable, Hashable) for experiment specs and cache keys.
public enum OptimizerConfig: Codable, Hashable, Sendable {
    /// Stochastic gradient descent with optional (Nesterov) momentum and L2 weight decay.
    case sgd(SGD)
    /// Adam (Kingma & Ba 2015) with L2 weight decay added to the gradient.
    case adam(Adam)

    /// Settings of plain / momentum / Nesterov SGD (PyTorch conventions).
    public struct SGD: Codable, Hashable, Sendable {
        /// The base learning rate (scaled by the schedule).
        public var learningRate: Double
        /// Momentum coefficient μ (0 = plain SGD).
        public var momentum: Double
        /// Use Nesterov's look-ahead form.
        public var nesterov: Bool
        /// L2 coefficient λ: the gradient becomes `g + λw`.
        public var weightDecay: Double

        /// SGD settings; defaults are plain SGD without decay.
        public init(learningRate: Double, momentum: Double = 0, nesterov: Bool = false, weightDecay: Double = 0) {
            self.learningRate = learningRate; self.momentum = momentum
            self.nesterov = nesterov; self.weightDecay = weightDecay
        }
    }

    /// Settings of Adam.
    public struct Adam: Codable, Hashable, Sendable {
        public var learningRate: Double
        public var beta1: Double
        public var beta2: Double
        public var epsilon: Double
        public var weightDecay: Double

        /// Adam settings with the paper's defaults.
        public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
                    epsilon: Double = 1e-8, weightDecay: Double = 0) {
            self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2
            self.epsilon = epsilon; self.weightDecay = weightDecay
        }
    }

    /// The base learning rate before the schedule.
    public var learningRate: Double {
        switch self {
        case .sgd(let s): s.learningRate
        case .adam(let a): a.learningRate
        }
    }
}
