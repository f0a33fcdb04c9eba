// Package plugin serves the components of package apigwlogs to Pulumi programs in other languages
// (TypeScript, Python, YAML, C#, Java) as a component provider: [Construct] builds the component a program
// asked for by its type token (apigwlogs:index:AccessLogging, …) from the inputs the engine sends, and
// [Schema] derives the package schema those languages' SDKs are generated from, from the components' own Go
// types, so the two cannot drift. The provider binary is provider/ at the repository root; it serves the
// schema committed in provider/schema.json, which a test keeps equal to [Schema].
//
// The provider is built on the Pulumi Go SDK's own go/pulumi/provider package (ComponentMain, Construct,
// ConstructInputs.CopyTo, NewConstructResult): the inputs are copied into the same Args structs a Go program
// passes, by their `pulumi:"…"` tags, so every other language gets the Go constructors' validation, defaults
// and names.
package plugin
