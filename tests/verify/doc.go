// Package verify is the post-deploy check of a stage's access logging, end to end: it calls the stage's
// invoke URL, reads the request id API Gateway answered with, waits a bounded time for that request's line
// in the access-log group in CloudWatch Logs, and parses the line with the stack's format
// (components/accesslog), so a deploy is known to log, not only to have the right settings.
//
// [Check] does the work; the command tests/cmd/verify runs it for a stack. Check takes its CloudWatch Logs
// client as the [LogsAPI] interface (satisfied by *cloudwatchlogs.Client of the AWS SDK for Go v2) and an
// *http.Client, so tests run it against a local server standing in for API Gateway and CloudWatch Logs.
package verify
