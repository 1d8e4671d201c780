import Datasets

// The data types that moved from Book to Datasets, visible to the Book files that do not import
// Datasets yet (the kinds still on untyped parameters). Remove once every kind imports Datasets.
typealias GaussianMixtureTask = Datasets.GaussianMixtureTask
typealias PrincipalProjection = Datasets.PrincipalProjection
