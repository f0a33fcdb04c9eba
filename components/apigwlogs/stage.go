package apigwlogs

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// DefaultFormat is the preset a REST [Stage] logs with when its args name no format; see [DefaultFormatFor]
// for the other API types.
const DefaultFormat = "json"

// DefaultFormatFor is the preset a stage of the API type logs with when its args name no format: the JSON
// preset of that type.
func DefaultFormatFor(api accesslog.APIType) string {
	switch api {
	case accesslog.HTTP:
		return "http-json"
	case accesslog.WebSocket:
		return "websocket-json"
	}
	return DefaultFormat
}

// StageArgs configures a REST [Stage]. RestAPIID, DeploymentID, StageName and exactly one of LogGroup and
// FirehoseStreamARN are required; the rest is optional.
type StageArgs struct {
	// RestAPIID is the REST API the stage belongs to.
	RestAPIID pulumi.StringInput `pulumi:"restApiId"`
	// DeploymentID is the deployment the stage serves.
	DeploymentID pulumi.StringInput `pulumi:"deploymentId"`
	// StageName is the stage's name: 1 to 128 characters from A-Z a-z 0-9 _ -.
	StageName pulumi.StringInput `pulumi:"stageName"`
	// LogGroup receives the access logs, unless FirehoseStreamARN does.
	LogGroup *LogGroup `pulumi:"logGroup,optional" provider:"type=index:LogGroup"`
	// FirehoseStreamARN sends the access logs to a Kinesis Data Firehose stream instead of a log group: its name
	// starts with amazon-apigateway- (1 to 64 characters). REST APIs only.
	FirehoseStreamARN pulumi.StringInput `pulumi:"firehoseStreamArn,optional"`
	// Format is an access-log preset name (see accesslog.PresetNames) or a custom single-line format with
	// $context variables. Optional: DefaultFormat. A format known now is validated now; one computed by
	// another resource is validated when it resolves, and the stage is not sent to AWS if it is bad.
	Format pulumi.StringInput `pulumi:"format,optional"`
	// Account is the account setting handling of this program. The stage waits for the setting when this
	// stack writes it, because API Gateway rejects log settings while the account has no CloudWatch role.
	// Optional: nil when another stack or an administrator owns the setting.
	Account *Account `pulumi:"account,optional" provider:"type=index:Account"`
	// ExecutionLogging turns on execution logs: off (the default), error or info. The execution-log group
	// API-Gateway-Execution-Logs_{restApiId}/{stage} is created first, with ExecutionLogRetentionInDays, and
	// the method settings that turn logging on wait for it.
	ExecutionLogging ExecutionLogging `pulumi:"executionLogging,optional"`
	// ExecutionLogRetentionInDays is the execution-log group's retention. Optional: DefaultRetentionInDays.
	ExecutionLogRetentionInDays pulumi.IntInput `pulumi:"executionLogRetentionInDays,optional"`
	// DataTrace logs request and response bodies in the execution logs; off by default, because bodies may
	// hold personal or secret data. Needs ExecutionLogging.
	DataTrace bool `pulumi:"dataTrace,optional"`
	// DetailedMetrics turns on CloudWatch metrics per method.
	DetailedMetrics bool `pulumi:"detailedMetrics,optional"`
	// AdoptExecutionLogGroup adopts an execution-log group API Gateway already created (it has no retention):
	// the group is imported under its exact name and its retention set. Needs ExecutionLogging and an API id
	// and stage name known when the program runs.
	AdoptExecutionLogGroup bool `pulumi:"adoptExecutionLogGroup,optional"`
	// ExecutionLogKMSKeyARN encrypts the execution-log group. Optional.
	ExecutionLogKMSKeyARN pulumi.StringInput `pulumi:"executionLogKmsKeyArn,optional"`
	// DeleteLogsOnDestroy deletes the execution-log group and its logs on destroy; by default they are kept.
	DeleteLogsOnDestroy bool `pulumi:"deleteLogsOnDestroy,optional"`
	// XRayTracing turns on AWS X-Ray tracing for the stage (REST APIs only).
	XRayTracing bool `pulumi:"xrayTracing,optional"`
	// Tags are added to the stage and the execution-log group. Optional.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

func (a *StageArgs) executionLogs() *executionLogs {
	return &executionLogs{level: a.ExecutionLogging, retention: a.ExecutionLogRetentionInDays,
		dataTrace: a.DataTrace, detailedMetrics: a.DetailedMetrics, adopt: a.AdoptExecutionLogGroup,
		kmsKeyARN: a.ExecutionLogKMSKeyARN, deleteOnDestroy: a.DeleteLogsOnDestroy}
}

// validate checks the values of the args and resolves the format, once: a preset name becomes its format
// and a custom format is normalised. The wiring (LogGroup, Account) is checked by NewStage, so the composite
// can validate before it has created the parts.
func (a *StageArgs) validate() (*StageArgs, *executionLogs, error) {
	switch {
	case a == nil:
		return nil, nil, errors.New("args are required")
	case a.RestAPIID == nil:
		return nil, nil, errors.New("RestAPIID is required")
	case a.DeploymentID == nil:
		return nil, nil, errors.New("DeploymentID is required")
	case a.StageName == nil:
		return nil, nil, errors.New("StageName is required")
	}
	out := *a
	var err error
	if out.StageName, err = checkString(a.StageName, ValidateStageName); err != nil {
		return nil, nil, err
	}
	if out.FirehoseStreamARN, err = checkString(a.FirehoseStreamARN, ValidateFirehoseStreamARN); err != nil {
		return nil, nil, err
	}
	if out.Format, err = resolveFormatInput(a.Format, accesslog.REST); err != nil {
		return nil, nil, err
	}
	e := a.executionLogs()
	if err := e.validate(a.RestAPIID, out.StageName); err != nil {
		return nil, nil, err
	}
	out.ExecutionLogRetentionInDays, out.ExecutionLogKMSKeyARN = e.retention, e.kmsKeyARN
	return &out, e, nil
}

// resolveFormatInput resolves a Format arg for an API type: the type's default when nil; now when known,
// when it resolves otherwise.
func resolveFormatInput(in pulumi.StringInput, api accesslog.APIType) (pulumi.StringInput, error) {
	if in == nil {
		in = pulumi.String(DefaultFormatFor(api))
	}
	return mapString(in, func(v string) (string, error) { return ResolveFormat(v, api) })
}

// ResolveFormat turns a preset name or a custom format into the format sent to API Gateway for the API type.
func ResolveFormat(v string, api accesslog.APIType) (string, error) {
	format, err := accesslog.Resolve(v, api)
	if err != nil {
		return "", fmt.Errorf("access log format: %w", err)
	}
	return format, nil
}

// Stage is an API Gateway REST API stage that sends access logs to a [LogGroup] (or a Firehose stream), with
// optional execution logs.
type Stage struct {
	pulumi.ResourceState

	// StageName is the stage's name.
	StageName pulumi.StringOutput `pulumi:"stageName"`
	// ARN is the stage's ARN.
	ARN pulumi.StringOutput `pulumi:"arn"`
	// InvokeURL is the URL that invokes the stage.
	InvokeURL pulumi.StringOutput `pulumi:"invokeUrl"`
	// Format is the access-log format the stage uses: a preset resolved, a custom format normalised.
	Format pulumi.StringOutput `pulumi:"format"`
	// Warnings name the format's variables that the catalogue does not list but that are accepted (see
	// accesslog.Warnings): each is also logged as a warning, so a preview shows it.
	Warnings pulumi.StringArrayOutput `pulumi:"warnings"`
	// ExecutionLogGroupName is the execution-log group's name; empty when execution logging is off.
	ExecutionLogGroupName pulumi.StringOutput `pulumi:"executionLogGroupName"`

	// Stage is the API Gateway stage itself.
	Stage *apigateway.Stage
	// ExecutionLogGroup is the execution-log group (nil when execution logging is off).
	ExecutionLogGroup *cloudwatch.LogGroup
	// MethodSettings turn on execution logging and detailed metrics for every method (nil when neither is on).
	MethodSettings *apigateway.MethodSettings
}

// NewStage creates the stage with access logging on. It checks its args before it registers anything.
func NewStage(ctx *pulumi.Context, name string, args *StageArgs, opts ...pulumi.ResourceOption) (*Stage, error) {
	checked, e, err := args.validate()
	if err != nil {
		return nil, fmt.Errorf("stage %s: %w", name, err)
	}
	return newStage(ctx, name, checked, e, opts...)
}

func newStage(ctx *pulumi.Context, name string, args *StageArgs, e *executionLogs, opts ...pulumi.ResourceOption) (*Stage, error) {
	if (args.LogGroup == nil) == (args.FirehoseStreamARN == nil) {
		return nil, fmt.Errorf("stage %s: set exactly one of LogGroup and FirehoseStreamARN", name)
	}
	c := &Stage{}
	if err := register(ctx, stageToken, name, args, c, opts...); err != nil {
		return nil, err
	}
	destination := args.FirehoseStreamARN
	if args.LogGroup != nil {
		destination = args.LogGroup.ARN
	}
	// The log group is a dependency through DestinationArn; the account setting is not referenced by any
	// input, so the wait for it is explicit, like the seed Terraform's depends_on.
	var accountDeps []pulumi.Resource
	if args.Account != nil && args.Account.Account != nil {
		accountDeps = append(accountDeps, args.Account.Account)
	}
	stage, err := apigateway.NewStage(ctx, name, &apigateway.StageArgs{
		RestApi:    args.RestAPIID,
		Deployment: args.DeploymentID,
		StageName:  args.StageName,
		AccessLogSettings: &apigateway.StageAccessLogSettingsArgs{
			DestinationArn: destination,
			Format:         args.Format,
		},
		XrayTracingEnabled: pulumi.Bool(args.XRayTracing),
		Tags:               args.Tags,
	}, pulumi.Parent(c), pulumi.DependsOn(accountDeps))
	if err != nil {
		return nil, err
	}
	c.Stage = stage
	c.ExecutionLogGroupName = pulumi.String("").ToStringOutput()
	settingsDeps := accountDeps
	if e.level.on() {
		if c.ExecutionLogGroup, err = newExecutionLogGroup(ctx, name, e, args.RestAPIID, args.StageName, args.Tags, c); err != nil {
			return nil, err
		}
		c.ExecutionLogGroupName = c.ExecutionLogGroup.Name
		// API Gateway creates the group itself, without retention, as soon as logging is on: the setting
		// that turns it on waits for ours.
		settingsDeps = append(settingsDeps, c.ExecutionLogGroup)
	}
	if e.level.on() || e.detailedMetrics {
		c.MethodSettings, err = apigateway.NewMethodSettings(ctx, name, &apigateway.MethodSettingsArgs{
			RestApi:    args.RestAPIID,
			StageName:  stage.StageName,
			MethodPath: pulumi.String("*/*"),
			Settings: &apigateway.MethodSettingsSettingsArgs{
				LoggingLevel:     pulumi.String(e.level.awsLevel()),
				DataTraceEnabled: pulumi.Bool(e.dataTrace),
				MetricsEnabled:   pulumi.Bool(e.detailedMetrics),
			},
		}, pulumi.Parent(c), pulumi.DependsOn(settingsDeps))
		if err != nil {
			return nil, err
		}
	}
	c.StageName, c.ARN, c.InvokeURL = stage.StageName, stage.Arn, stage.InvokeUrl
	c.Format = args.Format.ToStringOutput()
	c.Warnings = warnFormat(ctx, c, c.Format, accesslog.REST)
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"stageName": c.StageName, "arn": c.ARN, "invokeUrl": c.InvokeURL, "format": c.Format,
		"warnings": c.Warnings, "executionLogGroupName": c.ExecutionLogGroupName,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

// warnFormat logs a warning for each variable of the format that the catalogue does not list (a preview shows
// it under the stage) and returns them.
func warnFormat(ctx *pulumi.Context, c pulumi.Resource, format pulumi.StringOutput, api accesslog.APIType) pulumi.StringArrayOutput {
	return format.ApplyT(func(format string) ([]string, error) {
		warnings := accesslog.Warnings(format, api)
		for _, w := range warnings {
			if err := ctx.Log.Warn("access log format: "+w, &pulumi.LogArgs{Resource: c}); err != nil {
				return nil, err
			}
		}
		return warnings, nil
	}).(pulumi.StringArrayOutput)
}
