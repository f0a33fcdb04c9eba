// Package modules checks the repository's module layout: the root module, which importers of the components
// download, needs neither the Pulumi engine (github.com/pulumi/pulumi/pkg/v3) nor the AWS SDK for Go; those
// are for the engine tests, the simulated AWS and the post-deploy check, in the tests module.
//
// It has only tests.
package modules
