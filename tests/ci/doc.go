// Package ci checks the GitHub Actions workflows in .github/workflows for the rules the pull-request previews
// and deployments rely on: every action pinned to a full commit SHA with its release in a comment (local
// "./" actions and "docker://" images excepted), explicit token permissions, an OIDC token only where AWS
// credentials are assumed, no checkout in workflows that run with the base repository's token for a fork
// (pull_request_target, workflow_run), a preview matrix built from the Pulumi.<stage>.yaml files, and one
// never-cancelled concurrency group per stack for updates.
//
// It has only tests; the workflows are parsed with gopkg.in/yaml.v3, whose nodes keep the line comments
// that carry the pinned versions.
package ci
