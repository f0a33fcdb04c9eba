package apigwlogs

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// StageArgs configures a REST [Stage]. APIID, DeploymentID, StageName and exactly one of LogGroup and
// FirehoseStreamARN are required; the rest is optional. Every Input may be computed by another resource of the
// same update (it is checked when it resolves, before the stage is sent to AWS); the plain fields must be known
// when the program runs.
type StageArgs struct {
	// APIID is the REST API the stage belongs to.
	APIID pulumi.StringInput `pulumi:"apiId"`
	// DeploymentID is the deployment the stage serves.
	DeploymentID pulumi.StringInput `pulumi:"deploymentId"`
	// StageName is the stage's name: 1 to 128 characters from A-Z a-z 0-9 _ -.
	StageName pulumi.StringInput `pulumi:"stageName"`
	// LogGroup receives the access logs, unless FirehoseStreamARN does.
	LogGroup *LogGroup `pulumi:"logGroup,optional" provider:"type=index:LogGroup"`
	// FirehoseStreamARN sends the access logs to a Kinesis Data Firehose stream instead of a log group: its name
	// starts with amazon-apigateway- (1 to 64 characters). REST APIs only.
	FirehoseStreamARN pulumi.StringInput `pulumi:"firehoseStreamArn,optional"`
	// AccessLogFormat is an access-log preset of REST APIs (clf, json, csv, xml, aws-guide-json, …) or a custom
	// single-line format with $context variables that includes $context.requestId or
	// $context.extendedRequestId. Optional: json.
	AccessLogFormat pulumi.StringInput `pulumi:"accessLogFormat,optional"`
	// Account is the account setting handling of this program. The stage waits for the setting when this
	// stack writes it, because API Gateway rejects log settings while the account has no CloudWatch role.
	// Optional: not set when another stack or an administrator owns the setting.
	Account *Account `pulumi:"account,optional" provider:"type=index:Account"`
	// DetailedMetrics turns on CloudWatch metrics per method.
	DetailedMetrics bool `pulumi:"detailedMetrics,optional"`
	// XRayTracing turns on AWS X-Ray tracing for the stage.
	XRayTracing bool `pulumi:"xrayTracing,optional"`
	// Tags are added to the stage and the execution-log group. Optional.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
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
func (a *StageArgs) executionLogs() executionLogs {
	return executionLogs{level: a.ExecutionLogging, retention: a.ExecutionLogRetentionInDays, dataTrace: a.DataTrace,
		adopt: a.AdoptExecutionLogGroup, kmsKey: a.KMSKey, deleteOnDestroy: a.DeleteOnDestroy}
}

// Validate checks the args that are known when the program runs; [NewStage] checks computed ones when they
// resolve. The error is one or more [ArgError]s.
func (a *StageArgs) Validate() error {
	_, err := a.check(false)
	return err
}

// check validates the values of the args (see checker) and resolves the format: a preset name becomes its
// format and a custom format is normalised. The wiring (LogGroup, Account) is checked by NewStage, so the
// composite can validate before it has created the parts.
func (a *StageArgs) check(wrap bool) (*StageArgs, error) {
	if a == nil {
		return nil, fieldError("args", nil, errArgsRequired)
	}
	c := &checker{wrap: wrap}
	c.tags(a.Tags)
	c.required("apiId", a.APIID != nil, "the REST API's id")
	c.required("deploymentId", a.DeploymentID != nil, "the deployment the stage serves")
	c.required("stageName", a.StageName != nil, "1 to 128 characters from A-Z a-z 0-9 _ -")
	out := *a
	out.APIID = c.str("apiId", a.APIID, ValidateAPIID)
	out.StageName = c.str("stageName", a.StageName, ValidateStageName)
	out.FirehoseStreamARN = c.str("firehoseStreamArn", a.FirehoseStreamARN, ValidateFirehoseStreamARN)
	out.AccessLogFormat = c.format(a.AccessLogFormat, accesslog.REST)
	e := a.executionLogs().check(c, a.APIID, a.StageName)
	out.ExecutionLogRetentionInDays, out.KMSKey = e.retention, e.kmsKey
	return &out, c.err()
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
	// AccessLogFormat is the access-log format the stage uses: a preset resolved, a custom format normalised.
	AccessLogFormat pulumi.StringOutput `pulumi:"accessLogFormat"`
	// Warnings name the format's variables that the catalogue does not list but that are accepted; each is
	// also logged as a warning, so a preview shows it.
	Warnings pulumi.StringArrayOutput `pulumi:"warnings"`
	// ExecutionLogGroupName is the execution-log group's name; empty when execution logging is off.
	ExecutionLogGroupName pulumi.StringOutput `pulumi:"executionLogGroupName"`

	// Stage is the API Gateway stage itself.
	Stage *apigateway.Stage
	// ExecutionLogGroup is the execution-log group (nil when execution logging is off).
	ExecutionLogGroup *cloudwatch.LogGroup
	// MethodSettings turn on execution logging and detailed metrics for every method (nil when neither is on).
	MethodSettings *apigateway.MethodSettings

	executionLogging ExecutionLogging
}

func (c *Stage) outputs() stageOutputs {
	return stageOutputs{&c.StageName, &c.ARN, &c.InvokeURL, &c.AccessLogFormat, &c.Warnings, &c.ExecutionLogGroupName}
}

// NewStage creates the stage with access logging on. It checks its args before it registers anything.
func NewStage(ctx *pulumi.Context, name string, args *StageArgs, opts ...pulumi.ResourceOption) (*Stage, error) {
	checked, err := args.check(true)
	if err != nil {
		return nil, fmt.Errorf("stage %s: %w", name, err)
	}
	return newStage(ctx, name, checked, opts...)
}

func newStage(ctx *pulumi.Context, name string, args *StageArgs, opts ...pulumi.ResourceOption) (*Stage, error) {
	if (args.LogGroup == nil) == (args.FirehoseStreamARN == nil) {
		return nil, fmt.Errorf("stage %s: %w", name, combination("a stage logs to a log group or to a Firehose "+
			"stream: set exactly one", "logGroup", args.LogGroup != nil, "firehoseStreamArn", value(args.FirehoseStreamARN)))
	}
	c := &Stage{executionLogging: args.ExecutionLogging}
	if err := register(ctx, stageToken, name, args, c, opts...); err != nil {
		return nil, err
	}
	destination := args.FirehoseStreamARN
	if args.LogGroup != nil {
		destination = args.LogGroup.ARN
	}
	// The log group is a dependency through DestinationArn; the account setting is not referenced by any
	// input, so the wait for it is explicit, like the seed Terraform's depends_on.
	accountDeps := args.Account.dependency()
	stage, err := apigateway.NewStage(ctx, name, &apigateway.StageArgs{
		RestApi:    args.APIID,
		Deployment: args.DeploymentID,
		StageName:  args.StageName,
		AccessLogSettings: &apigateway.StageAccessLogSettingsArgs{
			DestinationArn: destination,
			Format:         args.AccessLogFormat,
		},
		XrayTracingEnabled: pulumi.Bool(args.XRayTracing),
		Tags:               args.Tags,
	}, pulumi.Parent(c), pulumi.DependsOn(accountDeps))
	if err != nil {
		return nil, err
	}
	c.Stage = stage
	e := args.executionLogs()
	settingsDeps := accountDeps
	if e.level.On() {
		if c.ExecutionLogGroup, err = newExecutionLogGroup(ctx, name, e, args.APIID, args.StageName, args.Tags, c); err != nil {
			return nil, err
		}
		// API Gateway creates the group itself, without retention, as soon as logging is on: the setting
		// that turns it on waits for ours.
		settingsDeps = append(settingsDeps, c.ExecutionLogGroup)
	}
	if e.level.On() || args.DetailedMetrics {
		c.MethodSettings, err = apigateway.NewMethodSettings(ctx, name, &apigateway.MethodSettingsArgs{
			RestApi:    args.APIID,
			StageName:  stage.StageName,
			MethodPath: pulumi.String("*/*"),
			Settings: &apigateway.MethodSettingsSettingsArgs{
				LoggingLevel:     pulumi.String(e.level.awsLevel()),
				DataTraceEnabled: pulumi.Bool(e.dataTrace),
				MetricsEnabled:   pulumi.Bool(args.DetailedMetrics),
			},
		}, pulumi.Parent(c), pulumi.DependsOn(settingsDeps))
		if err != nil {
			return nil, err
		}
	}
	if err := c.outputs().set(ctx, c, accesslog.REST, stage.StageName, stage.Arn, stage.InvokeUrl,
		args.AccessLogFormat, c.ExecutionLogGroup); err != nil {
		return nil, err
	}
	return c, nil
}
