// Package program is the apigw-access-logs Pulumi program: [LoadConfig] parses the stack's config into the
// args of [apigwlogs.AccessLogging] (a table of keys, each with its parser and the field of the same name) and
// checks them with the component's own validation; [Deploy] deploys an existing REST, HTTP or WebSocket API or
// creates a small demo API of that type, turns on logging for its stage, and exports what operators need.
// main.go calls [Run]; the tests run it too.
package program
