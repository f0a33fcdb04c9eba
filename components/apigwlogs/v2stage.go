package apigwlogs

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigatewayv2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// HTTPStageArgs configures an [HTTPStage]. APIID, StageName and LogGroup are required.
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
	// Format is an HTTP API preset (http-json, http-clf) or a custom format of at most 3 KB with HTTP API
	// $context variables. Optional: http-json.
	Format pulumi.StringInput `pulumi:"format,optional"`
	// DetailedMetrics turns on CloudWatch metrics per route.
	DetailedMetrics bool `pulumi:"detailedMetrics,optional"`
	// Tags are added to the stage. Optional.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

func (a *HTTPStageArgs) validate() (*HTTPStageArgs, error) {
	switch {
	case a == nil:
		return nil, errors.New("args are required")
	case a.APIID == nil:
		return nil, errors.New("APIID is required")
	case a.StageName == nil:
		return nil, errors.New("StageName is required")
	}
	out := *a
	var err error
	if out.StageName, err = checkString(a.StageName, ValidateV2StageName); err != nil {
		return nil, err
	}
	if out.Format, err = resolveFormatInput(a.Format, accesslog.HTTP); err != nil {
		return nil, err
	}
	return &out, nil
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
	// Format is the access-log format the stage uses.
	Format pulumi.StringOutput `pulumi:"format"`
	// Warnings name the format's variables that the catalogue does not list but that are accepted.
	Warnings pulumi.StringArrayOutput `pulumi:"warnings"`

	// Stage is the API Gateway v2 stage itself.
	Stage *apigatewayv2.Stage
}

// NewHTTPStage creates the HTTP API stage with access logging on. It checks its args before it registers
// anything.
func NewHTTPStage(ctx *pulumi.Context, name string, args *HTTPStageArgs, opts ...pulumi.ResourceOption) (*HTTPStage, error) {
	checked, err := args.validate()
	if err != nil {
		return nil, fmt.Errorf("http stage %s: %w", name, err)
	}
	return newHTTPStage(ctx, name, checked, opts...)
}

func newHTTPStage(ctx *pulumi.Context, name string, args *HTTPStageArgs, opts ...pulumi.ResourceOption) (*HTTPStage, error) {
	if args.LogGroup == nil {
		return nil, fmt.Errorf("http stage %s: LogGroup is required", name)
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
			Format:         args.Format,
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
	c.StageName, c.ARN, c.InvokeURL = stage.Name, stage.Arn, stage.InvokeUrl
	c.Format = args.Format.ToStringOutput()
	c.Warnings = warnFormat(ctx, c, c.Format, accesslog.HTTP)
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"stageName": c.StageName, "arn": c.ARN, "invokeUrl": c.InvokeURL, "format": c.Format, "warnings": c.Warnings,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

// WebSocketStageArgs configures a [WebSocketStage]. APIID, DeploymentID, StageName and LogGroup are required.
type WebSocketStageArgs struct {
	// APIID is the WebSocket API the stage belongs to.
	APIID pulumi.StringInput `pulumi:"apiId"`
	// DeploymentID is the deployment the stage serves (WebSocket APIs have no autoDeploy).
	DeploymentID pulumi.StringInput `pulumi:"deploymentId"`
	// StageName is the stage's name: $default, or 1 to 128 characters from A-Z a-z 0-9 _ -.
	StageName pulumi.StringInput `pulumi:"stageName"`
	// LogGroup receives the access logs.
	LogGroup *LogGroup `pulumi:"logGroup" provider:"type=index:LogGroup"`
	// Format is the websocket-json preset or a custom format with WebSocket $context variables. Optional:
	// websocket-json.
	Format pulumi.StringInput `pulumi:"format,optional"`
	// Account is the account setting handling of this program: WebSocket stages need the account's CloudWatch
	// role for access and execution logs, like REST stages, and wait for the setting when this stack writes it.
	Account *Account `pulumi:"account,optional" provider:"type=index:Account"`
	// ExecutionLogging, ExecutionLogRetentionInDays, DataTrace, DetailedMetrics and AdoptExecutionLogGroup are
	// as for a REST [StageArgs]; WebSocket APIs set them in the stage's default route settings.
	ExecutionLogging            ExecutionLogging `pulumi:"executionLogging,optional"`
	ExecutionLogRetentionInDays pulumi.IntInput  `pulumi:"executionLogRetentionInDays,optional"`
	DataTrace                   bool             `pulumi:"dataTrace,optional"`
	DetailedMetrics             bool             `pulumi:"detailedMetrics,optional"`
	AdoptExecutionLogGroup      bool             `pulumi:"adoptExecutionLogGroup,optional"`
	// ExecutionLogKMSKeyARN and DeleteLogsOnDestroy are as for a REST [StageArgs].
	ExecutionLogKMSKeyARN pulumi.StringInput `pulumi:"executionLogKmsKeyArn,optional"`
	DeleteLogsOnDestroy   bool               `pulumi:"deleteLogsOnDestroy,optional"`
	// Tags are added to the stage and the execution-log group. Optional.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

func (a *WebSocketStageArgs) validate() (*WebSocketStageArgs, *executionLogs, error) {
	switch {
	case a == nil:
		return nil, nil, errors.New("args are required")
	case a.APIID == nil:
		return nil, nil, errors.New("APIID is required")
	case a.DeploymentID == nil:
		return nil, nil, errors.New("DeploymentID is required: WebSocket stages deploy explicitly")
	case a.StageName == nil:
		return nil, nil, errors.New("StageName is required")
	}
	out := *a
	var err error
	if out.StageName, err = checkString(a.StageName, ValidateV2StageName); err != nil {
		return nil, nil, err
	}
	if out.Format, err = resolveFormatInput(a.Format, accesslog.WebSocket); err != nil {
		return nil, nil, err
	}
	e := &executionLogs{level: a.ExecutionLogging, retention: a.ExecutionLogRetentionInDays,
		dataTrace: a.DataTrace, detailedMetrics: a.DetailedMetrics, adopt: a.AdoptExecutionLogGroup,
		kmsKeyARN: a.ExecutionLogKMSKeyARN, deleteOnDestroy: a.DeleteLogsOnDestroy}
	if err := e.validate(a.APIID, out.StageName); err != nil {
		return nil, nil, err
	}
	out.ExecutionLogRetentionInDays, out.ExecutionLogKMSKeyARN = e.retention, e.kmsKeyARN
	return &out, e, nil
}

// WebSocketStage is an API Gateway WebSocket API stage that sends access logs to a [LogGroup], with optional
// execution logs.
type WebSocketStage struct {
	pulumi.ResourceState

	// StageName is the stage's name.
	StageName pulumi.StringOutput `pulumi:"stageName"`
	// ARN is the stage's ARN.
	ARN pulumi.StringOutput `pulumi:"arn"`
	// InvokeURL is the wss:// URL clients connect to.
	InvokeURL pulumi.StringOutput `pulumi:"invokeUrl"`
	// Format is the access-log format the stage uses.
	Format pulumi.StringOutput `pulumi:"format"`
	// Warnings name the format's variables that the catalogue does not list but that are accepted.
	Warnings pulumi.StringArrayOutput `pulumi:"warnings"`
	// ExecutionLogGroupName is the execution-log group's name; empty when execution logging is off.
	ExecutionLogGroupName pulumi.StringOutput `pulumi:"executionLogGroupName"`

	// Stage is the API Gateway v2 stage itself.
	Stage *apigatewayv2.Stage
	// ExecutionLogGroup is the execution-log group (nil when execution logging is off).
	ExecutionLogGroup *cloudwatch.LogGroup
}

// NewWebSocketStage creates the WebSocket API stage with access logging on. It checks its args before it
// registers anything.
func NewWebSocketStage(ctx *pulumi.Context, name string, args *WebSocketStageArgs, opts ...pulumi.ResourceOption) (*WebSocketStage, error) {
	checked, e, err := args.validate()
	if err != nil {
		return nil, fmt.Errorf("websocket stage %s: %w", name, err)
	}
	return newWebSocketStage(ctx, name, checked, e, opts...)
}

func newWebSocketStage(ctx *pulumi.Context, name string, args *WebSocketStageArgs, e *executionLogs, opts ...pulumi.ResourceOption) (*WebSocketStage, error) {
	if args.LogGroup == nil {
		return nil, fmt.Errorf("websocket stage %s: LogGroup is required", name)
	}
	c := &WebSocketStage{}
	if err := register(ctx, webSocketStageToken, name, args, c, opts...); err != nil {
		return nil, err
	}
	var deps []pulumi.Resource
	if args.Account != nil && args.Account.Account != nil {
		deps = append(deps, args.Account.Account)
	}
	c.ExecutionLogGroupName = pulumi.String("").ToStringOutput()
	if e.level.on() {
		group, err := newExecutionLogGroup(ctx, name, e, args.APIID, args.StageName, args.Tags, c)
		if err != nil {
			return nil, err
		}
		c.ExecutionLogGroup, c.ExecutionLogGroupName = group, group.Name
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
			Format:         args.Format,
		},
		Tags: args.Tags,
	}
	if e.level.on() || e.detailedMetrics {
		stageArgs.DefaultRouteSettings = &apigatewayv2.StageDefaultRouteSettingsArgs{
			LoggingLevel:           pulumi.String(e.level.awsLevel()),
			DataTraceEnabled:       pulumi.Bool(e.dataTrace),
			DetailedMetricsEnabled: pulumi.Bool(e.detailedMetrics),
		}
	}
	stage, err := apigatewayv2.NewStage(ctx, name, stageArgs, pulumi.Parent(c), pulumi.DependsOn(deps))
	if err != nil {
		return nil, err
	}
	c.Stage = stage
	c.StageName, c.ARN, c.InvokeURL = stage.Name, stage.Arn, stage.InvokeUrl
	c.Format = args.Format.ToStringOutput()
	c.Warnings = warnFormat(ctx, c, c.Format, accesslog.WebSocket)
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"stageName": c.StageName, "arn": c.ARN, "invokeUrl": c.InvokeURL, "format": c.Format,
		"warnings": c.Warnings, "executionLogGroupName": c.ExecutionLogGroupName,
	}); err != nil {
		return nil, err
	}
	return c, nil
}
