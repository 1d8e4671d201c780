/// An optimizer described as a value (Codable, Hashable) for experiment specs and cache keys.
public enum OptimizerConfig: Codable, Hashable, Sendable {
    /// Stochastic gradient descent with optional (Nesterov) momentum and L2 weight decay.
    case sgd(SGD)
    /// Adam (Kingma & Ba 2015) with L2 weight decay added to the gradient.
    case adam(Adam)
    /// Sharpness-aware minimisation (Foret et al. 2021) around an SGD base: two gradients per step.
    case sam(SAM)
    /// Stochastic gradient Langevin dynamics (Welling & Teh 2011): SGD plus Gaussian noise.
    case sgld(SGLD)
    /// Winsorized SGD (Chatterjee 2020): per-example gradients clipped per coordinate at the
    /// c-th order statistics, then averaged, then an SGD (momentum) step.
    case winsorized(Winsorized)

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
        /// The step size (scaled by the schedule).
        public var learningRate: Double
        /// Decay of the first-moment estimate.
        public var beta1: Double
        /// Decay of the second-moment estimate.
        public var beta2: Double
        /// Added to √v̂ in the denominator.
        public var epsilon: Double
        /// L2 coefficient added to the gradient (not decoupled AdamW decay).
        public var weightDecay: Double

        /// Adam settings with the paper's defaults.
        public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
                    epsilon: Double = 1e-8, weightDecay: Double = 0) {
            self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2
            self.epsilon = epsilon; self.weightDecay = weightDecay
        }
    }

    /// Settings of SAM: `ε = ρ·g/‖g‖`, then the base step uses the gradient at `w + ε`.
    public struct SAM: Codable, Hashable, Sendable {
        /// The radius ρ of the neighbourhood (Foret et al. use 0.05).
        public var rho: Double
        /// The SGD step applied with the perturbed gradient.
        public var base: SGD

        /// SAM with radius `rho` around the SGD `base` step.
        public init(rho: Double = 0.05, base: SGD) { self.rho = rho; self.base = base }
    }

    /// Settings of SGLD: `w ← w − lr·(g + λw) + √(2·lr·T/n)·ξ`, `ξ ~ N(0, I)`, where `g` is the
    /// mean-loss gradient over a batch and `n` the training-set size (so `T = 1` samples the
    /// posterior `∝ exp(−n·L(w) − nλ‖w‖²/2)`).
    public struct SGLD: Codable, Hashable, Sendable {
        /// The step size lr (scaled by the schedule).
        public var learningRate: Double
        /// The temperature T (1 = the Bayesian posterior, 0 = plain SGD).
        public var temperature: Double
        /// λ of the Gaussian prior / L2 term.
        public var weightDecay: Double

        /// SGLD settings; `temperature` 1 targets the posterior.
        public init(learningRate: Double, temperature: Double = 1, weightDecay: Double = 0) {
            self.learningRate = learningRate; self.temperature = temperature; self.weightDecay = weightDecay
        }
    }

    /// Settings of winsorized SGD.
    public struct Winsorized: Codable, Hashable, Sendable {
        /// The SGD step applied to the winsorized mean gradient.
        public var base: SGD
        /// How many extreme values are clipped on each side of every coordinate (0 = plain SGD):
        /// values are clamped to the `(c+1)`-th smallest and `(c+1)`-th largest.
        public var clip: Int

        /// Winsorized SGD clipping `clip` values on each side of every coordinate.
        public init(base: SGD, clip: Int) { self.base = base; self.clip = clip }
    }

    /// The base learning rate before the schedule.
    public var learningRate: Double {
        switch self {
        case .sgd(let s): s.learningRate
        case .adam(let a): a.learningRate
        case .sam(let s): s.base.learningRate
        case .sgld(let s): s.learningRate
        case .winsorized(let w): w.base.learningRate
        }
    }
}
