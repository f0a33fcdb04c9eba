// Package program is the apigw-access-logs Pulumi program: it loads and checks the stack's config, creates
// (or adopts) a REST API and its deployment, turns on access logging for its stage with
// [apigwlogs.AccessLogging], and exports what operators need. main.go calls [Run]; tests call it too.
package program
