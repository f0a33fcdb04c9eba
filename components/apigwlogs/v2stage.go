package apigwlogs

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigatewayv2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// HTTPStageArgs configures an [HTTPStage]. APIID, StageName and LogGroup are required. Every Input may be
// computed by another resource of the same update; DetailedMetrics must be known when the program runs.
type HTTPStageArgs struct {
	// APIID is the HTTP API the stage belongs to.
	APIID pulumi.StringInput `pulumi:"apiId"`
	// DeploymentID is the deployment the stage serves. Optional: without it the stage deploys every change
	// automatically (autoDeploy).
	DeploymentID pulumi.StringInput `pulumi:"deploymentId,optional"`
	// StageName is the stage's name: $default, or 1 to 128 characters from A-Z a-z 0-9 _ -.
	StageName pulumi.StringInput `pulumi:"stageName"`
	// LogGroup receives the access logs (HTTP APIs log to CloudWatch Logs only).
	LogGroup *LogGroup `pulumi:"logGroup" provider:"type=index:LogGroup"`
	// AccessLogFormat is an HTTP API preset (http-json, http-clf) or a custom format of at most 3 KB with HTTP
	// API $context variables. Optional: http-json.
	AccessLogFormat pulumi.StringInput `pulumi:"accessLogFormat,optional"`
	// DetailedMetrics turns on CloudWatch metrics per route.
	DetailedMetrics bool `pulumi:"detailedMetrics,optional"`
	// Tags are added to the stage. Optional.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// Validate checks the args that are known when the program runs; [NewHTTPStage] checks computed ones when they
// resolve. The error is one or more [ArgError]s.
func (a *HTTPStageArgs) Validate() error {
	_, err := a.check(false)
	return err
}

func (a *HTTPStageArgs) check(wrap bool) (*HTTPStageArgs, error) {
	if a == nil {
		return nil, fieldError("args", nil, errArgsRequired)
	}
	c := &checker{wrap: wrap}
	c.tags(a.Tags)
	c.required("apiId", a.APIID != nil, "the HTTP API's id")
	c.required("stageName", a.StageName != nil, "$default, or 1 to 128 characters from A-Z a-z 0-9 _ -")
	out := *a
	out.APIID = c.str("apiId", a.APIID, ValidateAPIID)
	out.StageName = c.str("stageName", a.StageName, ValidateV2StageName)
	out.AccessLogFormat = c.format(a.AccessLogFormat, accesslog.HTTP)
	return &out, c.err()
}

// HTTPStage is an API Gateway HTTP API stage that sends access logs to a [LogGroup]. HTTP APIs use no account
// setting and have no execution logs: API Gateway writes their access logs with the permissions of whoever
// deploys the stage (logs:CreateLogDelivery and the others the README lists).
type HTTPStage struct {
	pulumi.ResourceState

	// StageName is the stage's name.
	StageName pulumi.StringOutput `pulumi:"stageName"`
	// ARN is the stage's ARN.
	ARN pulumi.StringOutput `pulumi:"arn"`
	// InvokeURL is the URL that invokes the stage.
	InvokeURL pulumi.StringOutput `pulumi:"invokeUrl"`
	// AccessLogFormat is the access-log format the stage uses: a preset resolved, a custom format normalised.
	AccessLogFormat pulumi.StringOutput `pulumi:"accessLogFormat"`
	// Warnings name the format's variables that the catalogue does not list but that are accepted; each is
	// also logged as a warning, so a preview shows it.
	Warnings pulumi.StringArrayOutput `pulumi:"warnings"`
	// ExecutionLogGroupName is always empty: HTTP APIs have no execution logs.
	ExecutionLogGroupName pulumi.StringOutput `pulumi:"executionLogGroupName"`

	// Stage is the API Gateway v2 stage itself.
	Stage *apigatewayv2.Stage
}

func (c *HTTPStage) outputs() stageOutputs {
	return stageOutputs{&c.StageName, &c.ARN, &c.InvokeURL, &c.AccessLogFormat, &c.Warnings, &c.ExecutionLogGroupName}
}

// NewHTTPStage creates the HTTP API stage with access logging on. It checks its args before it registers
// anything.
func NewHTTPStage(ctx *pulumi.Context, name string, args *HTTPStageArgs, opts ...pulumi.ResourceOption) (*HTTPStage, error) {
	checked, err := args.check(true)
	if err != nil {
		return nil, fmt.Errorf("http stage %s: %w", name, err)
	}
	return newHTTPStage(ctx, name, checked, opts...)
}

func newHTTPStage(ctx *pulumi.Context, name string, args *HTTPStageArgs, opts ...pulumi.ResourceOption) (*HTTPStage, error) {
	if args.LogGroup == nil {
		return nil, fmt.Errorf("http stage %s: %w", name, fieldError("logGroup", nil,
			fmt.Errorf("logGroup is required: HTTP APIs log to CloudWatch Logs only")))
	}
	c := &HTTPStage{}
	if err := register(ctx, httpStageToken, name, args, c, opts...); err != nil {
		return nil, err
	}
	stageArgs := &apigatewayv2.StageArgs{
		ApiId: args.APIID,
		Name:  args.StageName,
		AccessLogSettings: &apigatewayv2.StageAccessLogSettingsArgs{
			DestinationArn: args.LogGroup.ARN,
			Format:         args.AccessLogFormat,
		},
		Tags: args.Tags,
	}
	if args.DeploymentID != nil {
		stageArgs.DeploymentId = args.DeploymentID
	} else {
		stageArgs.AutoDeploy = pulumi.Bool(true)
	}
	if args.DetailedMetrics {
		stageArgs.DefaultRouteSettings = &apigatewayv2.StageDefaultRouteSettingsArgs{
			DetailedMetricsEnabled: pulumi.Bool(true),
		}
	}
	stage, err := apigatewayv2.NewStage(ctx, name, stageArgs, pulumi.Parent(c))
	if err != nil {
		return nil, err
	}
	c.Stage = stage
	if err := c.outputs().set(ctx, c, accesslog.HTTP, stage.Name, stage.Arn, stage.InvokeUrl, args.AccessLogFormat,
		nil); err != nil {
		return nil, err
	}
	return c, nil
}

// WebSocketStageArgs configures a [WebSocketStage]. APIID, DeploymentID, StageName and LogGroup are required.
// Every Input may be computed by another resource of the same update; the plain fields must be known when the
// program runs.
type WebSocketStageArgs struct {
	// APIID is the WebSocket API the stage belongs to.
	APIID pulumi.StringInput `pulumi:"apiId"`
	// DeploymentID is the deployment the stage serves (WebSocket APIs have no autoDeploy).
	DeploymentID pulumi.StringInput `pulumi:"deploymentId"`
	// StageName is the stage's name: $default, or 1 to 128 characters from A-Z a-z 0-9 _ -.
	StageName pulumi.StringInput `pulumi:"stageName"`
	// LogGroup receives the access logs.
	LogGroup *LogGroup `pulumi:"logGroup" provider:"type=index:LogGroup"`
	// AccessLogFormat is the websocket-json preset or a custom format with WebSocket $context variables.
	// Optional: websocket-json.
	AccessLogFormat pulumi.StringInput `pulumi:"accessLogFormat,optional"`
	// Account is the account setting handling of this program: WebSocket stages need the account's CloudWatch
	// role for access and execution logs, like REST stages, and wait for the setting when this stack writes it.
	Account *Account `pulumi:"account,optional" provider:"type=index:Account"`
	// DetailedMetrics turns on CloudWatch metrics per route.
	DetailedMetrics bool `pulumi:"detailedMetrics,optional"`
	// Tags are added to the stage and the execution-log group. Optional.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
	// The execution-log fields are as for a REST stage; they are set in the stage's default route settings.
	// ExecutionLogging turns on execution logs: off (the default), error or info. The execution-log group
	// API-Gateway-Execution-Logs_{apiId}/{stage} is created first, with ExecutionLogRetentionInDays, and the
	// setting that turns logging on waits for it, so API Gateway never creates it without retention.
	ExecutionLogging ExecutionLogging `pulumi:"executionLogging,optional"`
	// ExecutionLogRetentionInDays is the execution-log group's retention, in days (the values retentionInDays
	// allows). Optional: 7.
	ExecutionLogRetentionInDays pulumi.IntInput `pulumi:"executionLogRetentionInDays,optional"`
	// DataTrace logs request and response bodies in the execution logs; off by default, because bodies may
	// hold personal or secret data. Needs executionLogging error or info.
	DataTrace bool `pulumi:"dataTrace,optional"`
	// AdoptExecutionLogGroup adopts an execution-log group API Gateway already created (it has no retention):
	// the group is imported under its exact name and its retention set. Needs executionLogging, and an API id
	// and stage name known when the program runs (an existing API).
	AdoptExecutionLogGroup bool `pulumi:"adoptExecutionLogGroup,optional"`
	// KMSKey is the ARN of a KMS key that encrypts the execution-log group. Optional.
	KMSKey pulumi.StringInput `pulumi:"kmsKey,optional"`
	// DeleteOnDestroy deletes the execution-log group and its logs when the stack is destroyed; the default,
	// false, keeps them.
	DeleteOnDestroy bool `pulumi:"deleteOnDestroy,optional"`
}

// executionLogs are the args' execution-log fields.
func (a *WebSocketStageArgs) executionLogs() executionLogs {
	return executionLogs{level: a.ExecutionLogging, retention: a.ExecutionLogRetentionInDays, dataTrace: a.DataTrace,
		adopt: a.AdoptExecutionLogGroup, kmsKey: a.KMSKey, deleteOnDestroy: a.DeleteOnDestroy}
}

// Validate checks the args that are known when the program runs; [NewWebSocketStage] checks computed ones when
// they resolve. The error is one or more [ArgError]s.
func (a *WebSocketStageArgs) Validate() error {
	_, err := a.check(false)
	return err
}

func (a *WebSocketStageArgs) check(wrap bool) (*WebSocketStageArgs, error) {
	if a == nil {
		return nil, fieldError("args", nil, errArgsRequired)
	}
	c := &checker{wrap: wrap}
	c.tags(a.Tags)
	c.required("apiId", a.APIID != nil, "the WebSocket API's id")
	c.required("deploymentId", a.DeploymentID != nil, "WebSocket stages deploy explicitly")
	c.required("stageName", a.StageName != nil, "$default, or 1 to 128 characters from A-Z a-z 0-9 _ -")
	out := *a
	out.APIID = c.str("apiId", a.APIID, ValidateAPIID)
	out.StageName = c.str("stageName", a.StageName, ValidateV2StageName)
	out.AccessLogFormat = c.format(a.AccessLogFormat, accesslog.WebSocket)
	e := a.executionLogs().check(c, a.APIID, a.StageName)
	out.ExecutionLogRetentionInDays, out.KMSKey = e.retention, e.kmsKey
	return &out, c.err()
}

// WebSocketStage is an API Gateway WebSocket API stage that sends access logs to a [LogGroup], with optional
// execution logs.
type WebSocketStage struct {
	pulumi.ResourceState

	// StageName is the stage's name.
	StageName pulumi.StringOutput `pulumi:"stageName"`
	// ARN is the stage's ARN.
	ARN pulumi.StringOutput `pulumi:"arn"`
	// InvokeURL is the URL that invokes the stage (wss://).
	InvokeURL pulumi.StringOutput `pulumi:"invokeUrl"`
	// AccessLogFormat is the access-log format the stage uses: a preset resolved, a custom format normalised.
	AccessLogFormat pulumi.StringOutput `pulumi:"accessLogFormat"`
	// Warnings name the format's variables that the catalogue does not list but that are accepted; each is
	// also logged as a warning, so a preview shows it.
	Warnings pulumi.StringArrayOutput `pulumi:"warnings"`
	// ExecutionLogGroupName is the execution-log group's name; empty when execution logging is off.
	ExecutionLogGroupName pulumi.StringOutput `pulumi:"executionLogGroupName"`

	// Stage is the API Gateway v2 stage itself.
	Stage *apigatewayv2.Stage
	// ExecutionLogGroup is the execution-log group (nil when execution logging is off).
	ExecutionLogGroup *cloudwatch.LogGroup
}

func (c *WebSocketStage) outputs() stageOutputs {
	return stageOutputs{&c.StageName, &c.ARN, &c.InvokeURL, &c.AccessLogFormat, &c.Warnings, &c.ExecutionLogGroupName}
}

// NewWebSocketStage creates the WebSocket API stage with access logging on. It checks its args before it
// registers anything.
func NewWebSocketStage(ctx *pulumi.Context, name string, args *WebSocketStageArgs, opts ...pulumi.ResourceOption) (*WebSocketStage, error) {
	checked, err := args.check(true)
	if err != nil {
		return nil, fmt.Errorf("websocket stage %s: %w", name, err)
	}
	return newWebSocketStage(ctx, name, checked, opts...)
}

func newWebSocketStage(ctx *pulumi.Context, name string, args *WebSocketStageArgs, opts ...pulumi.ResourceOption) (*WebSocketStage, error) {
	if args.LogGroup == nil {
		return nil, fmt.Errorf("websocket stage %s: %w", name, fieldError("logGroup", nil,
			fmt.Errorf("logGroup is required: WebSocket APIs log to CloudWatch Logs only")))
	}
	c := &WebSocketStage{}
	if err := register(ctx, webSocketStageToken, name, args, c, opts...); err != nil {
		return nil, err
	}
	deps := args.Account.dependency()
	e := args.executionLogs()
	if e.level.On() {
		group, err := newExecutionLogGroup(ctx, name, e, args.APIID, args.StageName, args.Tags, c)
		if err != nil {
			return nil, err
		}
		c.ExecutionLogGroup = group
		// The stage's route settings turn logging on: the stage waits for the group, so API Gateway never
		// creates it first.
		deps = append(deps, group)
	}
	stageArgs := &apigatewayv2.StageArgs{
		ApiId:        args.APIID,
		Name:         args.StageName,
		DeploymentId: args.DeploymentID,
		AccessLogSettings: &apigatewayv2.StageAccessLogSettingsArgs{
			DestinationArn: args.LogGroup.ARN,
			Format:         args.AccessLogFormat,
		},
		Tags: args.Tags,
	}
	if e.level.On() || args.DetailedMetrics {
		stageArgs.DefaultRouteSettings = &apigatewayv2.StageDefaultRouteSettingsArgs{
			LoggingLevel:           pulumi.String(e.level.awsLevel()),
			DataTraceEnabled:       pulumi.Bool(e.dataTrace),
			DetailedMetricsEnabled: pulumi.Bool(args.DetailedMetrics),
		}
	}
	stage, err := apigatewayv2.NewStage(ctx, name, stageArgs, pulumi.Parent(c), pulumi.DependsOn(deps))
	if err != nil {
		return nil, err
	}
	c.Stage = stage
	if err := c.outputs().set(ctx, c, accesslog.WebSocket, stage.Name, stage.Arn, stage.InvokeUrl,
		args.AccessLogFormat, c.ExecutionLogGroup); err != nil {
		return nil, err
	}
	return c, nil
}
