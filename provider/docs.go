package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
)

// The schema's descriptions, written for every language's SDK: inputs and outputs are named as programs
// write them (camelCase; each SDK spells them its own way), never by their Go names. A test checks that no
// Go declaration, package-qualified name or call leaks in.

// presets lists the access-log presets of an API type, from the catalogue.
func presets(api accesslog.APIType) string { return oneOf(accesslog.PresetsFor(api)) }

// oneOf joins values as "a, b or c".
func oneOf(values []string) string {
	if len(values) < 2 {
		return strings.Join(values, "")
	}
	return strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}

// retentions lists the retention periods CloudWatch Logs accepts.
func retentions() string {
	days := make([]string, len(apigwlogs.RetentionValues))
	for i, d := range apigwlogs.RetentionValues {
		days[i] = strconv.Itoa(d)
	}
	return oneOf(days)
}

// Descriptions several components share.
var (
	tagsDoc            = "Tags added to every AWS resource the component creates that takes tags."
	stageNameOutDoc    = "The stage's name."
	stageARNDoc        = "The stage's ARN."
	invokeURLDoc       = "The URL that invokes the stage."
	formatOutDoc       = "The access-log format the stage sends to API Gateway: a preset resolved to its format, or the custom format normalised."
	warningsDoc        = "The format's variables that API Gateway accepts but the catalogue of this package does not list; each is also reported as a warning, so a preview shows it."
	executionGroupDoc  = "The execution-log group's name; empty when execution logging is off."
	dataTraceDoc       = "Writes request and response bodies to the execution logs. Off by default, because bodies may hold personal or secret data. Needs executionLogging."
	adoptDoc           = "Adopts the execution-log group API Gateway already created (with no retention): it is imported under its exact name and gets the retention of executionLogRetentionInDays. Needs executionLogging, and an API id and stage name known when the program runs."
	executionKMSDoc    = "The ARN of a KMS key that encrypts the execution-log group. Default: the AWS-owned key."
	deleteExecutionDoc = "Deletes the execution-log group and its logs when the stack is destroyed; by default they are kept."
	savedQueriesDoc    = "The saved queries' names, as the Logs Insights console lists them."
	patternDoc         = "The 5XX metric filter's pattern; empty when the alarm is off."
	alarmARNDoc        = "The 5XX alarm's ARN; empty when it is off."
	retentionDoc       = fmt.Sprintf("How many days CloudWatch Logs keeps the logs: %s; 0 keeps them forever. Default: %d.", retentions(), apigwlogs.DefaultRetentionInDays)
)

// Annotate gives LogGroup its token and describes it and its outputs.
func (c *LogGroup) Annotate(a infer.Annotator) {
	a.SetToken("index", "LogGroup")
	a.Describe(&c, "The CloudWatch Logs group that receives a stage's access logs. Its name is unique per project, "+
		"stack and component, and it can never be API Gateway's own execution-log group. By default the group and its "+
		"logs are kept when the stack is destroyed, and a later run of the same stack adopts them.")
	a.Describe(&c.Name, "The log group's name.")
	a.Describe(&c.ARN, "The log group's ARN, without the trailing :*, as a stage's access-log destination takes it.")
	a.Describe(&c.RetentionInDays, "How many days CloudWatch Logs keeps the logs; 0 keeps them forever.")
}

// Annotate describes the inputs of LogGroup.
func (a *LogGroupArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Name, "The log group's name. Default: /apigateway/<project>/<stack>/<component name>. It must not "+
		"start with "+apigwlogs.ExecutionLogGroupPrefix+", the prefix of API Gateway's own execution-log groups.")
	an.Describe(&a.RetentionInDays, retentionDoc+" A change updates the group in place.")
	an.Describe(&a.KMSKey, "The ARN of a symmetric KMS key that encrypts the logs; its key policy must let CloudWatch "+
		"Logs in the region use it for this group (a LogKey has such a policy). Default: the AWS-owned key.")
	an.Describe(&a.LogGroupClass, "The log group class, fixed when the group is created (a change replaces the group).")
	an.Describe(&a.DeleteOnDestroy, "Deletes the group and its logs when the stack is destroyed. By default they are "+
		"kept: audit logs outlive the infrastructure they describe, and a later run of the same stack adopts the group.")
	an.Describe(&a.Tags, "Tags added to the log group.")
}

// Annotate gives CloudWatchRole its token and describes it and its outputs.
func (c *CloudWatchRole) Annotate(a infer.Annotator) {
	a.SetToken("index", "CloudWatchRole")
	a.Describe(&c, "The IAM role API Gateway assumes to write access and execution logs to CloudWatch Logs: trusted by "+
		"apigateway.amazonaws.com, with the AWS managed policy AmazonAPIGatewayPushToCloudWatchLogs attached. IAM "+
		"names it uniquely (a fixed name would break the second stack in the account); its path, "+
		"/apigw-access-logs/<project>/<stack>/<name>/, says which stack made it. The role and its policy attachment are "+
		"kept when the stack is destroyed, because the region's account setting may point every REST API at it.")
	a.Describe(&c.ARN, "The role's ARN.")
	a.Describe(&c.Name, "The role's name.")
}

// Annotate describes the inputs of CloudWatchRole.
func (a *CloudWatchRoleArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Tags, "Tags added to the role.")
}

// Annotate gives Account its token and describes it and its outputs.
func (c *Account) Annotate(a infer.Annotator) {
	a.SetToken("index", "Account")
	a.Describe(&c, "What the stack does with the region's API Gateway account setting: the role every REST and "+
		"WebSocket API in the account and region uses to write logs to CloudWatch Logs, as accountSetting says. "+
		"Whatever it creates (the role, its policy attachment, the setting) is kept when the stack is destroyed: the "+
		"setting is shared, so destroying one stage's stack never takes logging away from the others. Pass it to a "+
		"Stage or WebSocketStage as account, so the stage waits for the setting.")
	a.Describe(&c.CloudWatchRoleARN, "The role the setting names once the stack has run: the role it created or set, "+
		"or the one it found; empty with accountSetting leave.")
	a.Describe(&c.Action, "What this run does with the setting: create (it was empty: a role is created and set), "+
		"keep (it names the role this stack created), take-over (manage, and it named another role), set (manage "+
		"with cloudWatchRoleArn), use-existing (auto, and it names a role someone else owns: nothing is created) or "+
		"none (leave).")
}

// Annotate describes the inputs of Account.
func (a *AccountArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.AccountSetting, "What to do with the setting. Default: auto.")
	an.Describe(&a.CloudWatchRoleARN, "An existing role for accountSetting manage: API Gateway must be able to assume "+
		"it, and it must have AmazonAPIGatewayPushToCloudWatchLogs or equivalent permissions. Default: a role the "+
		"stack creates. Only with manage.")
	an.Describe(&a.Tags, "Tags added to the role the account creates.")
}

// Annotate gives Stage its token and describes it and its outputs.
func (c *Stage) Annotate(a infer.Annotator) {
	a.SetToken("index", "Stage")
	a.Describe(&c, "An API Gateway REST API stage that sends access logs to a LogGroup (or a Firehose stream), with "+
		"optional execution logs. It waits for the account setting when an Account of this stack writes it.")
	a.Describe(&c.StageName, stageNameOutDoc)
	a.Describe(&c.ARN, stageARNDoc)
	a.Describe(&c.InvokeURL, invokeURLDoc)
	a.Describe(&c.AccessLogFormat, formatOutDoc)
	a.Describe(&c.Warnings, warningsDoc)
	a.Describe(&c.ExecutionLogGroupName, executionGroupDoc)
}

// Annotate describes the inputs of Stage.
func (a *StageArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.APIID, "The REST API the stage belongs to.")
	an.Describe(&a.DeploymentID, "The deployment the stage serves.")
	an.Describe(&a.StageName, "The stage's name: 1 to 128 characters from A-Z a-z 0-9 _ -.")
	an.Describe(&a.LogGroup, "The LogGroup that receives the access logs. Give exactly one of logGroup and firehoseStreamArn.")
	an.Describe(&a.FirehoseStreamARN, "A Kinesis Data Firehose stream that receives the access logs instead of a "+
		"log group; its name starts with amazon-apigateway- (1 to 64 characters).")
	an.Describe(&a.AccessLogFormat, "An access-log preset ("+presets(accesslog.REST)+") or a custom single-line format "+
		"with REST API $context variables. Default: "+apigwlogs.DefaultFormatFor(accesslog.REST)+". A format known "+
		"when the program runs is checked then; one computed by another resource is checked when it is known, and "+
		"the stage is not sent to AWS if it is bad.")
	an.Describe(&a.Account, "The Account that handles the setting for this program. The stage waits for the setting "+
		"when this stack writes it, because API Gateway rejects log settings while the account has no CloudWatch "+
		"role. Leave it out when another stack or an administrator owns the setting.")
	an.Describe(&a.ExecutionLogging, "Turns on execution logs. The execution-log group "+apigwlogs.ExecutionLogGroupPrefix+
		"<apiId>/<stageName> is created first, with executionLogRetentionInDays, and the method settings that "+
		"turn logging on wait for it.")
	an.Describe(&a.ExecutionLogRetentionInDays, "The execution-log group's retention in days. Default: "+
		strconv.Itoa(apigwlogs.DefaultRetentionInDays)+".")
	an.Describe(&a.DataTrace, dataTraceDoc)
	an.Describe(&a.DetailedMetrics, "Turns on CloudWatch metrics for every method.")
	an.Describe(&a.AdoptExecutionLogGroup, adoptDoc)
	an.Describe(&a.KMSKey, executionKMSDoc)
	an.Describe(&a.DeleteOnDestroy, deleteExecutionDoc)
	an.Describe(&a.XRayTracing, "Turns on AWS X-Ray tracing for the stage.")
	an.Describe(&a.Tags, "Tags added to the stage and the execution-log group.")
}

// Annotate gives HTTPStage its token and describes it and its outputs.
func (c *HTTPStage) Annotate(a infer.Annotator) {
	a.SetToken("index", "HttpStage")
	a.Describe(&c, "An API Gateway HTTP API stage that sends access logs to a LogGroup. HTTP APIs use no account "+
		"setting and have no execution logs: API Gateway writes their access logs with the permissions of whoever "+
		"deploys the stage.")
	a.Describe(&c.StageName, stageNameOutDoc)
	a.Describe(&c.ARN, stageARNDoc)
	a.Describe(&c.InvokeURL, invokeURLDoc)
	a.Describe(&c.AccessLogFormat, formatOutDoc)
	a.Describe(&c.Warnings, warningsDoc)
	a.Describe(&c.ExecutionLogGroupName, "Always empty: HTTP APIs have no execution logs.")
}

// Annotate describes the inputs of HTTPStage.
func (a *HTTPStageArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.APIID, "The HTTP API the stage belongs to.")
	an.Describe(&a.DeploymentID, "The deployment the stage serves. Default: none, and the stage deploys every change "+
		"automatically.")
	an.Describe(&a.StageName, "The stage's name: $default, or 1 to 128 characters from A-Z a-z 0-9 _ -.")
	an.Describe(&a.LogGroup, "The LogGroup that receives the access logs (HTTP APIs log to CloudWatch Logs only).")
	an.Describe(&a.AccessLogFormat, "An HTTP API access-log preset ("+presets(accesslog.HTTP)+") or a custom format of at "+
		"most 3 KB with HTTP API $context variables. Default: "+apigwlogs.DefaultFormatFor(accesslog.HTTP)+".")
	an.Describe(&a.DetailedMetrics, "Turns on CloudWatch metrics for every route.")
	an.Describe(&a.Tags, "Tags added to the stage.")
}

// Annotate gives WebSocketStage its token and describes it and its outputs.
func (c *WebSocketStage) Annotate(a infer.Annotator) {
	a.SetToken("index", "WebSocketStage")
	a.Describe(&c, "An API Gateway WebSocket API stage that sends access logs to a LogGroup, with optional execution "+
		"logs. Like a REST stage, it needs the account's CloudWatch role, and waits for the setting when an Account "+
		"of this stack writes it.")
	a.Describe(&c.StageName, stageNameOutDoc)
	a.Describe(&c.ARN, stageARNDoc)
	a.Describe(&c.InvokeURL, "The wss:// URL clients connect to.")
	a.Describe(&c.AccessLogFormat, formatOutDoc)
	a.Describe(&c.Warnings, warningsDoc)
	a.Describe(&c.ExecutionLogGroupName, executionGroupDoc)
}

// Annotate describes the inputs of WebSocketStage.
func (a *WebSocketStageArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.APIID, "The WebSocket API the stage belongs to.")
	an.Describe(&a.DeploymentID, "The deployment the stage serves (WebSocket APIs do not deploy automatically).")
	an.Describe(&a.StageName, "The stage's name: $default, or 1 to 128 characters from A-Z a-z 0-9 _ -.")
	an.Describe(&a.LogGroup, "The LogGroup that receives the access logs.")
	an.Describe(&a.AccessLogFormat, "The "+presets(accesslog.WebSocket)+" preset or a custom format with WebSocket API "+
		"$context variables. Default: "+apigwlogs.DefaultFormatFor(accesslog.WebSocket)+".")
	an.Describe(&a.Account, "The Account that handles the setting for this program; the stage waits for the "+
		"setting when this stack writes it. Leave it out when another stack or an administrator owns the setting.")
	an.Describe(&a.ExecutionLogging, "Turns on execution logs, set in the stage's default route settings. The "+
		"execution-log group is created first, with executionLogRetentionInDays.")
	an.Describe(&a.ExecutionLogRetentionInDays, "The execution-log group's retention in days. Default: "+
		strconv.Itoa(apigwlogs.DefaultRetentionInDays)+".")
	an.Describe(&a.DataTrace, dataTraceDoc)
	an.Describe(&a.DetailedMetrics, "Turns on CloudWatch metrics for every route.")
	an.Describe(&a.AdoptExecutionLogGroup, adoptDoc)
	an.Describe(&a.KMSKey, executionKMSDoc)
	an.Describe(&a.DeleteOnDestroy, deleteExecutionDoc)
	an.Describe(&a.Tags, "Tags added to the stage and the execution-log group.")
}

// Annotate gives LogKey its token and describes it and its outputs.
func (c *LogKey) Annotate(a infer.Annotator) {
	a.SetToken("index", "LogKey")
	a.Describe(&c, "A customer-managed KMS key for API Gateway's log groups: symmetric, rotated yearly, with the key "+
		"policy CloudWatch Logs needs to use it for the named groups. Without that policy, creating or encrypting a "+
		"group fails with \"The specified KMS key does not exist or is not allowed to be used\".")
	a.Describe(&c.ARN, "The key's ARN, for a log group's kmsKeyArn.")
	a.Describe(&c.Policy, "The key policy.")
}

// Annotate describes the inputs of LogKey.
func (a *LogKeyArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.LogGroupNames, "The log groups the key may encrypt: the key policy lets CloudWatch Logs use the key "+
		"only with their ARNs in the encryption context.")
	an.Describe(&a.DeleteOnDestroy, "Schedules the key's deletion when the stack is destroyed. By default it is kept, "+
		"as the logs it encrypts are kept (a deleted key makes them unreadable).")
	an.Describe(&a.Tags, "Tags added to the key.")
}

// Annotate gives Monitoring its token and describes it and its outputs.
func (c *Monitoring) Annotate(a infer.Annotator) {
	a.SetToken("index", "Monitoring")
	a.Describe(&c, "What is written from a stage's access-log format: saved CloudWatch Logs Insights queries, and a "+
		"metric filter and alarm on 5XX responses. A format change rewrites them in place.")
	a.Describe(&c.SavedQueries, savedQueriesDoc)
	a.Describe(&c.Alarm5XXFilterPattern, patternDoc)
	a.Describe(&c.Alarm5XXARN, alarmARNDoc)
}

// Annotate describes the inputs of Monitoring.
func (a *MonitoringArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.LogGroup, "The access-log LogGroup the queries read and the metric filter watches.")
	an.Describe(&a.AccessLogFormat, "The stage's access-log format as sent to API Gateway (a stage's accessLogFormat output, not a "+
		"preset name): the queries and the filter pattern are written from its own field names and positions. It "+
		"decides which queries exist, so it must be known when the program runs.")
	an.Describe(&a.APIType, "The API's type, whose $context variables the format uses. Default: rest.")
	an.Describe(&a.DisableSavedQueries, "Leaves out the saved Logs Insights queries (4XX, 5XX, slowest requests, top "+
		"client IPs, requests by caller), which are on by default.")
	an.Describe(&a.Alarm5XXThreshold, "Turns on the 5XX alarm: it fires when at least this many lines with a 5XX "+
		"status arrive in 5 minutes. 0, the default, is off. Needs a STANDARD log group (INFREQUENT_ACCESS has no "+
		"metric filters).")
	an.Describe(&a.AlarmTopicARN, "The SNS topic the alarm notifies. Default: none.")
	an.Describe(&a.Tags, "Tags added to the alarm.")
}

// Annotate gives AccessLogging its token and describes it and its outputs.
func (c *AccessLogging) Annotate(a infer.Annotator) {
	a.SetToken("index", "AccessLogging")
	a.Describe(&c, "Access logging, and optionally execution logging, for one stage in one call: a LogGroup, an "+
		"Account (as accountSetting says; none for HTTP APIs) and the stage of the API's type (Stage, HttpStage or "+
		"WebSocketStage) that logs to the group, with saved queries and an optional 5XX alarm. Its children take its "+
		"name, and so do the AWS resources they hold.")
	a.Describe(&c.LogGroupName, "The access-log group's name; empty with a Firehose destination.")
	a.Describe(&c.LogGroupARN, "The access-log group's ARN; empty with a Firehose destination.")
	a.Describe(&c.ExecutionLogGroupName, executionGroupDoc)
	a.Describe(&c.CloudWatchRoleARN, "The role the account setting names after this run; empty with accountSetting "+
		"leave and for HTTP APIs.")
	a.Describe(&c.AccountAction, "What this run does with the account setting, as an Account's action output says; "+
		"none for HTTP APIs.")
	a.Describe(&c.StageName, stageNameOutDoc)
	a.Describe(&c.StageARN, stageARNDoc)
	a.Describe(&c.InvokeURL, invokeURLDoc)
	a.Describe(&c.AccessLogFormat, formatOutDoc)
	a.Describe(&c.KMSKeyARN, "The created key's ARN; empty unless kmsKey is create.")
	a.Describe(&c.SavedQueries, savedQueriesDoc)
	a.Describe(&c.Alarm5XXFilterPattern, patternDoc)
	a.Describe(&c.Alarm5XXARN, alarmARNDoc)
	a.Describe(&c.DashboardName, "The stage's dashboard; empty unless dashboard is on.")
	a.Describe(&c.ExecutionLogDestinationARN, "Where execution logs are delivered; empty for the standard group.")
}

// Annotate describes the inputs of AccessLogging.
func (a *AccessLoggingArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.APIType, "The API's type. Default: rest.")
	an.Describe(&a.APIID, "The API whose stage logs.")
	an.Describe(&a.DeploymentID, "The deployment the stage serves. Optional for HTTP APIs, whose stage then deploys "+
		"every change automatically.")
	an.Describe(&a.StageName, "The stage's name; HTTP and WebSocket stages may be $default.")
	an.Describe(&a.AccessLogFormat, "An access-log preset for the API's type or a custom format with its $context variables. "+
		"Default: the type's JSON preset ("+oneOf([]string{apigwlogs.DefaultFormatFor(accesslog.REST),
		apigwlogs.DefaultFormatFor(accesslog.HTTP), apigwlogs.DefaultFormatFor(accesslog.WebSocket)})+").")
	an.Describe(&a.LogGroupName, "The access-log group's name. Default: /apigateway/<project>/<stack>/<component name>.")
	an.Describe(&a.RetentionInDays, "The access-log group's retention. "+retentionDoc)
	an.Describe(&a.KMSKey, "Encrypts the log groups (access and execution): create makes a customer-managed key (a "+
		"LogKey) with the policy CloudWatch Logs needs, rotated yearly and kept like the logs; any other value is the "+
		"ARN of an existing key whose policy lets CloudWatch Logs use it. create must be known when the program runs. "+
		"Default: the AWS-owned key.")
	an.Describe(&a.LogGroupClass, "The access-log group's class.")
	an.Describe(&a.DeleteOnDestroy, "Deletes the log groups, their logs and a created key when the stack is "+
		"destroyed; by default they are kept, and a later run of the same stack adopts them.")
	an.Describe(&a.XRayTracing, "Turns on AWS X-Ray tracing (REST APIs only).")
	an.Describe(&a.DisableSavedQueries, "Leaves out the saved Logs Insights queries, which are on by default.")
	an.Describe(&a.Alarm5XXThreshold, "Turns on the 5XX alarm at this many lines with a 5XX status in 5 minutes; 0, "+
		"the default, is off.")
	an.Describe(&a.AlarmTopicARN, "The SNS topic the 5XX alarm notifies. Default: none.")
	an.Describe(&a.FirehoseStreamARN, "Sends REST access logs to a Kinesis Data Firehose stream instead of a log "+
		"group (none is created).")
	an.Describe(&a.AccountSetting, "What to do with the region's account setting. Default: auto. HTTP APIs do not "+
		"use the setting, so nothing is read or written for them.")
	an.Describe(&a.CloudWatchRoleARN, "An existing role for accountSetting manage, as an Account's cloudWatchRoleArn.")
	an.Describe(&a.ExecutionLogging, "Turns on execution logs (REST and WebSocket APIs).")
	an.Describe(&a.DataTrace, dataTraceDoc)
	an.Describe(&a.DetailedMetrics, "Turns on CloudWatch metrics for every method or route.")
	an.Describe(&a.AdoptExecutionLogGroup, adoptDoc)
	an.Describe(&a.ExecutionLogRetentionInDays, "The execution-log group's retention in days. Default: "+
		"retentionInDays.")
	an.Describe(&a.ExecutionLogDestination, "Where a REST stage's execution logs go: standard (the default), the "+
		"group API Gateway names, which truncates events at 1 KB; create, a CloudWatch Logs delivery to a log group "+
		"this stack creates (<access-log group>/execution); or the ARN of an existing log group, S3 bucket or Firehose "+
		"stream to deliver to. Needs executionLogging. standard and create must be known when the program runs.")
	an.Describe(&a.Dashboard, "Creates a CloudWatch dashboard for the stage (a Dashboard). Off by default: CloudWatch "+
		"charges for dashboards beyond the first three of an account.")
	an.Describe(&a.APIName, "The REST API's name, which names its CloudWatch metrics, for the dashboard. Default: read "+
		"from the API when apiId is known when the program runs; required for a REST dashboard when apiId is computed.")
	an.Describe(&a.Tags, tagsDoc)
}

// Annotate gives Dashboard its token and describes it and its outputs.
func (c *Dashboard) Annotate(a infer.Annotator) {
	a.SetToken("index", "Dashboard")
	a.Describe(&c, "A CloudWatch dashboard for one stage: requests, 4XX and 5XX over time, latency percentiles, the "+
		"top resource paths or routes, the top client IPs and the slowest requests, written as Logs Insights widgets "+
		"from the access-log format's own fields; API Gateway's own metrics for the API type; and the 5XX alarm. A "+
		"widget the format cannot serve is left out, and the preview says why.")
	a.Describe(&c.DashboardName, "The dashboard's name, <project>-<stack>-<stage> in the characters CloudWatch allows.")
	a.Describe(&c.DashboardARN, "The dashboard's ARN.")
}

// Annotate describes the inputs of Dashboard.
func (a *DashboardArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.APIType, "The API's type, which decides API Gateway's metrics and their dimensions. Default: rest.")
	an.Describe(&a.APIID, "The API's id: the ApiId dimension of HTTP and WebSocket metrics.")
	an.Describe(&a.APIName, "The REST API's name: the ApiName dimension of REST metrics. Required for REST APIs.")
	an.Describe(&a.StageName, "The stage's name: the Stage dimension, and part of the dashboard's name.")
	an.Describe(&a.LogGroup, "The access-log LogGroup the Logs Insights widgets read. Without it (access logs sent "+
		"to Firehose) the dashboard holds API Gateway's metrics only.")
	an.Describe(&a.AccessLogFormat, "The stage's access-log format as sent to API Gateway: the log widgets are "+
		"written from its own fields. Required with logGroup; it must be known when the program runs.")
	an.Describe(&a.Alarm5XXARN, "The 5XX alarm's ARN, shown as an alarm widget. Default: none.")
}

// Annotate gives ExecutionLogDelivery its token and describes it and its outputs.
func (c *ExecutionLogDelivery) Annotate(a infer.Annotator) {
	a.SetToken("index", "ExecutionLogDelivery")
	a.Describe(&c, "Delivers a REST stage's execution logs through CloudWatch Logs to a log group it creates, or to "+
		"an existing log group, S3 bucket or Firehose stream: a delivery source of log type EXECUTION_LOGS, a "+
		"delivery destination and the delivery linking them. Events keep up to 1 MB (the standard group truncates "+
		"them at 1 KB). The source waits for the stage's method settings, since AWS refuses it until the stage logs.")
	a.Describe(&c.DestinationARN, "The ARN of the resource the logs are delivered to.")
	a.Describe(&c.LogGroupName, "The created log group's name; empty unless executionLogDestination is create.")
}

// Annotate describes the inputs of ExecutionLogDelivery.
func (a *ExecutionLogDeliveryArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.APIID, "The REST API whose stage's execution logs are delivered.")
	an.Describe(&a.StageName, "The stage's name.")
	an.Describe(&a.Stage, "The REST Stage, with executionLogging error or info.")
	an.Describe(&a.ExecutionLogDestination, "create, for a log group this component creates, or the ARN of an "+
		"existing log group, S3 bucket or Firehose stream. create must be known when the program runs. A log group "+
		"ARN known then gets the resource policy that lets CloudWatch Logs deliver into it; a computed one must "+
		"already have it.")
	an.Describe(&a.LogGroupName, "The created log group's name. Default: "+
		"/apigateway/<project>/<stack>/<component name>/execution.")
	an.Describe(&a.RetentionInDays, "The created log group's retention. "+retentionDoc)
	an.Describe(&a.KMSKey, "The ARN of a KMS key that encrypts the created log group. Default: the AWS-owned key.")
	an.Describe(&a.DeleteOnDestroy, "Deletes the created log group and its logs when the stack is destroyed; by "+
		"default they are kept.")
	an.Describe(&a.Tags, "Tags added to the created log group, the delivery source, destination and delivery.")
}
