// Package crosslang proves the component provider (provider/) the way TypeScript, Python
// and YAML programs use it: the schema they generate SDKs from binds with Pulumi's own schema binder, and
// programs that create the components by type token, through the engine's Construct call to the built
// provider binary, create on the simulated AWS account the same children with the same inputs as the same
// calls from Go.
//
// It has only tests.
package crosslang
