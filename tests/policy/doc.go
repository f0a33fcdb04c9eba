// Package policy checks the policy pack (components/policy) through the Pulumi engine's own handling of a
// team's policy pack config: the engine's reconciliation fills in the schemas' defaults and rejects bad
// values before the pack runs. It needs the engine (github.com/pulumi/pulumi/pkg/v3), which the root module
// keeps out of importers' builds, so it lives in the tests module.
//
// It has only tests.
package policy
