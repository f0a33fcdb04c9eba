// Package apigwlogs holds the Pulumi component resources that turn on Amazon API Gateway access logging for a
// REST API stage: the access-log group ([LogGroup]), the IAM role API Gateway uses to write to CloudWatch Logs
// ([CloudWatchRole]), the regional account setting that points at that role ([Account]), the stage whose
// access-log settings send a format to the group ([Stage]), and [AccessLogging], which wires the four for the
// common case.
//
// The graph follows the AWS rules in shared/AWS-NOTES.md: the account waits for the role's policy attachment
// (IAM checks the role's permissions when the setting is written), and the stage waits for the account (API
// Gateway rejects access-log settings while the account has no role) and for the log group. Every argument
// that can be checked before deployment is checked before any resource is registered.
package apigwlogs

// Type tokens: one package name for the whole project, so every URN stays stable. Changing one needs
// pulumi.Aliases.
const (
	logGroupToken       = "apigwlogs:index:LogGroup"
	cloudWatchRoleToken = "apigwlogs:index:CloudWatchRole"
	accountToken        = "apigwlogs:index:Account"
	stageToken          = "apigwlogs:index:Stage"
	httpStageToken      = "apigwlogs:index:HttpStage"
	webSocketStageToken = "apigwlogs:index:WebSocketStage"
	accessLoggingToken  = "apigwlogs:index:AccessLogging"
	logKeyToken         = "apigwlogs:index:LogKey"
	monitoringToken     = "apigwlogs:index:Monitoring"
)
