// Package apigwlogs holds the Pulumi component resources that turn on Amazon API Gateway logging for a REST,
// HTTP or WebSocket API stage:
//
//   - the access-log group ([LogGroup]) and an optional customer-managed key for it ([LogKey]);
//   - the IAM role API Gateway uses to write to CloudWatch Logs ([CloudWatchRole]) and what a stack does with
//     the region's account setting that names it ([Account]);
//   - the stage of each API type ([Stage], [HTTPStage], [WebSocketStage]), whose access-log settings send a
//     format to the group, with optional execution logs ([ExecutionLogArgs]) for REST and WebSocket stages,
//     and for REST stages their delivery to a log group, S3 bucket or Firehose stream of the team's choosing
//     ([ExecutionLogDelivery]);
//   - the saved Logs Insights queries and the 5XX alarm written from the format ([Monitoring]), and a
//     CloudWatch dashboard of the stage's traffic, errors and latency ([Dashboard]);
//   - [AccessLogging], which wires them for the common case.
//
// The graph follows the AWS rules described in components/AWS.md: the account setting waits for the role's
// policy attachment (IAM checks the role's permissions when the setting is written), and a stage waits for
// the setting (API Gateway rejects log settings while the account has no role) and for its log groups.
//
// Each Args has a Validate method, the one place its rules live: it checks the values known when the program
// runs and returns [ArgError]s that name the fields by their schema names. The constructors call it before
// they register anything, and check values computed by other resources when they resolve, before the resource
// that uses them is sent to AWS.
package apigwlogs

// Type tokens: one package name for the whole project, so every URN stays stable. Changing one needs
// pulumi.Aliases.
const (
	logGroupToken             = "apigwlogs:index:LogGroup"
	cloudWatchRoleToken       = "apigwlogs:index:CloudWatchRole"
	accountToken              = "apigwlogs:index:Account"
	stageToken                = "apigwlogs:index:Stage"
	httpStageToken            = "apigwlogs:index:HttpStage"
	webSocketStageToken       = "apigwlogs:index:WebSocketStage"
	accessLoggingToken        = "apigwlogs:index:AccessLogging"
	logKeyToken               = "apigwlogs:index:LogKey"
	monitoringToken           = "apigwlogs:index:Monitoring"
	dashboardToken            = "apigwlogs:index:Dashboard"
	executionLogDeliveryToken = "apigwlogs:index:ExecutionLogDelivery"
)
