package apigwlogs

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// APIType is the kind of API Gateway API a stage belongs to. The zero value is REST.
type APIType string

// The API types; the strings are the values of the apiType config key.
const (
	APIRest      APIType = "rest"
	APIHTTP      APIType = "http"
	APIWebSocket APIType = "websocket"
)

// ValidateAPIType checks an API type.
func ValidateAPIType(t APIType) error {
	switch t {
	case "", APIRest, APIHTTP, APIWebSocket:
		return nil
	}
	return fmt.Errorf("API type %q is not allowed: use rest (the default), http or websocket", string(t))
}

// Catalogue is the $context catalogue of the API type (package accesslog).
func (t APIType) Catalogue() accesslog.APIType {
	switch t {
	case APIHTTP:
		return accesslog.HTTP
	case APIWebSocket:
		return accesslog.WebSocket
	}
	return accesslog.REST
}

// AccessLoggingArgs configures [AccessLogging]. APIID, StageName and (except for HTTP APIs) DeploymentID are
// required; the rest is optional.
type AccessLoggingArgs struct {
	// APIType is the API's type: rest (the default), http or websocket.
	APIType APIType `pulumi:"apiType,optional"`
	// APIID is the API whose stage logs.
	APIID pulumi.StringInput `pulumi:"apiId"`
	// DeploymentID is the deployment the stage serves. Optional for HTTP APIs (autoDeploy).
	DeploymentID pulumi.StringInput `pulumi:"deploymentId,optional"`
	// StageName is the stage's name; HTTP and WebSocket stages may be $default.
	StageName pulumi.StringInput `pulumi:"stageName"`
	// Format is a preset name or a custom format for the API type. Optional: the type's JSON preset.
	Format pulumi.StringInput `pulumi:"format,optional"`
	// LogGroupName names the access-log group. Optional: DefaultLogGroupName(ctx, name).
	LogGroupName pulumi.StringInput `pulumi:"logGroupName,optional"`
	// RetentionInDays is the access-log group's retention; see LogGroupArgs.RetentionInDays. Optional: 7 days.
	RetentionInDays pulumi.IntInput `pulumi:"retentionInDays,optional"`
	// KMSKeyARN encrypts the log groups (access and execution) with an existing key, whose policy must let
	// CloudWatch Logs use it. Optional: the AWS-owned key.
	KMSKeyARN pulumi.StringInput `pulumi:"kmsKeyArn,optional"`
	// CreateKMSKey creates a customer-managed key ([LogKey]) with the policy CloudWatch Logs needs, rotated
	// yearly and kept like the logs, and encrypts both groups with it. Not with KMSKeyARN.
	CreateKMSKey bool `pulumi:"createKmsKey,optional"`
	// LogGroupClass is the access-log group's class: STANDARD (the default) or INFREQUENT_ACCESS.
	LogGroupClass LogGroupClass `pulumi:"logGroupClass,optional"`
	// DeleteLogsOnDestroy deletes the log groups, their logs and a created key on destroy; by default they are
	// kept, and a later run of the same stack adopts them.
	DeleteLogsOnDestroy bool `pulumi:"deleteLogsOnDestroy,optional"`
	// XRayTracing turns on AWS X-Ray tracing (REST APIs only).
	XRayTracing bool `pulumi:"xrayTracing,optional"`
	// DisableSavedQueries, Alarm5XXThreshold and AlarmTopicARN are as for [MonitoringArgs].
	DisableSavedQueries bool               `pulumi:"disableSavedQueries,optional"`
	Alarm5XXThreshold   int                `pulumi:"alarm5xxThreshold,optional"`
	AlarmTopicARN       pulumi.StringInput `pulumi:"alarmTopicArn,optional"`
	// FirehoseStreamARN sends REST access logs to a Firehose stream instead of a log group (none is created).
	FirehoseStreamARN pulumi.StringInput `pulumi:"firehoseStreamArn,optional"`
	// AccountSetting says what to do with the region's account setting. Optional: AccountAuto. HTTP APIs do not
	// use the setting, so nothing is read or written for them.
	AccountSetting AccountMode `pulumi:"accountSetting,optional"`
	// CloudWatchRoleARN is an existing role for AccountManage; see AccountArgs.CloudWatchRoleARN.
	CloudWatchRoleARN pulumi.StringInput `pulumi:"cloudWatchRoleArn,optional"`
	// ExecutionLogging, DataTrace, DetailedMetrics and AdoptExecutionLogGroup are as for a [StageArgs]; REST
	// and WebSocket only (DetailedMetrics also for HTTP).
	ExecutionLogging       ExecutionLogging `pulumi:"executionLogging,optional"`
	DataTrace              bool             `pulumi:"dataTrace,optional"`
	DetailedMetrics        bool             `pulumi:"detailedMetrics,optional"`
	AdoptExecutionLogGroup bool             `pulumi:"adoptExecutionLogGroup,optional"`
	// ExecutionLogRetentionInDays is the execution-log group's retention. Optional: RetentionInDays.
	ExecutionLogRetentionInDays pulumi.IntInput `pulumi:"executionLogRetentionInDays,optional"`
	// Tags are added to everything that takes tags. Optional.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// AccessLogging wires a [LogGroup], an [Account] (as AccountSetting says; none for HTTP APIs) and the stage of
// the API's type ([Stage], [HTTPStage] or [WebSocketStage]) that logs to the group: access logging, and
// optionally execution logging, for one stage in one call.
//
// Its children take its name: the log group, account and stage components are all called name, and so are
// the AWS resources they hold (the account setting's read is name-current, the policy attachment
// name-policy, the execution-log group name-execution). Every later rename ships pulumi.Aliases.
type AccessLogging struct {
	pulumi.ResourceState

	// LogGroupName is the access-log group's name; empty with a Firehose destination.
	LogGroupName pulumi.StringOutput `pulumi:"logGroupName"`
	// LogGroupARN is the access-log group's ARN; empty with a Firehose destination.
	LogGroupARN pulumi.StringOutput `pulumi:"logGroupArn"`
	// ExecutionLogGroupName is the execution-log group's name; empty when execution logging is off.
	ExecutionLogGroupName pulumi.StringOutput `pulumi:"executionLogGroupName"`
	// CloudWatchRoleARN is the role the account setting names after this run (see Account.CloudWatchRoleARN);
	// empty for AccountLeave and HTTP APIs.
	CloudWatchRoleARN pulumi.StringOutput `pulumi:"cloudWatchRoleArn"`
	// AccountAction is what this run does with the account setting (an [AccountAction]).
	AccountAction pulumi.StringOutput `pulumi:"accountAction"`
	// StageName is the stage's name.
	StageName pulumi.StringOutput `pulumi:"stageName"`
	// StageARN is the stage's ARN.
	StageARN pulumi.StringOutput `pulumi:"stageArn"`
	// InvokeURL is the URL that invokes the stage.
	InvokeURL pulumi.StringOutput `pulumi:"invokeUrl"`
	// Format is the access-log format the stage uses.
	Format pulumi.StringOutput `pulumi:"accessLogFormat"`

	// LogGroup and Account are the parts (LogGroup is nil with a Firehose destination, Account for HTTP APIs);
	// exactly one of Stage, HTTPStage and WebSocketStage is set, as APIType says. Key is the created KMS key
	// (nil unless CreateKMSKey); Monitoring holds the saved queries and the 5XX alarm (nil without a log group).
	Key            *LogKey
	Monitoring     *Monitoring
	LogGroup       *LogGroup
	Account        *Account
	Stage          *Stage
	HTTPStage      *HTTPStage
	WebSocketStage *WebSocketStage
}

// parts are the checked args of the parts.
type parts struct {
	logGroup   *LogGroupArgs
	account    *AccountArgs
	stage      *StageArgs
	httpStage  *HTTPStageArgs
	wsStage    *WebSocketStageArgs
	execution  *executionLogs
	alarmTopic pulumi.StringInput
}

// validate checks the args through the parts' own validate, so a bad arg fails before the composite or any
// part is registered, not half-way through.
func (a *AccessLoggingArgs) validate(ctx *pulumi.Context, name string) (*parts, error) {
	if a == nil {
		return nil, errors.New("args are required")
	}
	if err := ValidateAPIType(a.APIType); err != nil {
		return nil, err
	}
	p := &parts{}
	var err error
	switch {
	case a.CreateKMSKey && a.KMSKeyARN != nil:
		return nil, errors.New("CreateKMSKey and KMSKeyARN exclude each other: create a key, or use an existing one")
	case a.XRayTracing && a.APIType != "" && a.APIType != APIRest:
		return nil, fmt.Errorf("XRayTracing is for REST APIs only (API Gateway traces REST stages), not %s", a.APIType)
	case a.FirehoseStreamARN != nil && (a.Alarm5XXThreshold > 0 || a.CreateKMSKey || a.LogGroupClass == LogGroupClassInfrequentAccess):
		return nil, errors.New("with FirehoseStreamARN there is no access-log group: the 5XX alarm, a created KMS " +
			"key and LogGroupClass INFREQUENT_ACCESS need one")
	}
	if a.FirehoseStreamARN == nil {
		if p.logGroup, err = (&LogGroupArgs{
			Name: a.LogGroupName, RetentionInDays: a.RetentionInDays, KMSKeyARN: a.KMSKeyARN, Tags: a.Tags,
			Class: a.LogGroupClass, DeleteOnDestroy: a.DeleteLogsOnDestroy,
		}).validate(ctx, name); err != nil {
			return nil, err
		}
	}
	if p.alarmTopic, err = validateAlarm(a.Alarm5XXThreshold, a.AlarmTopicARN, a.LogGroupClass); err != nil {
		return nil, err
	}
	executionRetention := a.ExecutionLogRetentionInDays
	if executionRetention == nil && p.logGroup != nil {
		executionRetention = p.logGroup.RetentionInDays
	}
	switch a.APIType {
	case APIHTTP:
		if err := ValidateAccountMode(a.AccountSetting); err != nil {
			return nil, err
		}
		switch {
		case a.ExecutionLogging != "" && a.ExecutionLogging != ExecutionLoggingOff, a.DataTrace, a.AdoptExecutionLogGroup:
			return nil, errors.New("execution logging is not available for HTTP APIs (AWS: Execution logs are " +
				"not supported on protocolType HTTP); use access logs, or a REST or WebSocket API")
		case a.FirehoseStreamARN != nil:
			return nil, errors.New("FirehoseStreamARN is for REST APIs only: HTTP APIs log to CloudWatch Logs")
		case a.AccountSetting == AccountManage || a.CloudWatchRoleARN != nil:
			return nil, errors.New("HTTP APIs do not use the API Gateway account setting: remove AccountSetting " +
				"manage and CloudWatchRoleARN")
		}
		p.httpStage, err = (&HTTPStageArgs{APIID: a.APIID, DeploymentID: a.DeploymentID, StageName: a.StageName,
			Format: a.Format, DetailedMetrics: a.DetailedMetrics, Tags: a.Tags}).validate()
		return p, err
	case APIWebSocket:
		if a.FirehoseStreamARN != nil {
			return nil, errors.New("FirehoseStreamARN is for REST APIs only: WebSocket APIs log to CloudWatch Logs")
		}
		p.wsStage, p.execution, err = (&WebSocketStageArgs{APIID: a.APIID, DeploymentID: a.DeploymentID,
			StageName: a.StageName, Format: a.Format, ExecutionLogging: a.ExecutionLogging,
			ExecutionLogRetentionInDays: executionRetention, DataTrace: a.DataTrace,
			DetailedMetrics: a.DetailedMetrics, AdoptExecutionLogGroup: a.AdoptExecutionLogGroup,
			ExecutionLogKMSKeyARN: a.KMSKeyARN, DeleteLogsOnDestroy: a.DeleteLogsOnDestroy, Tags: a.Tags,
		}).validate()
	default:
		p.stage, p.execution, err = (&StageArgs{RestAPIID: a.APIID, DeploymentID: a.DeploymentID,
			StageName: a.StageName, Format: a.Format, FirehoseStreamARN: a.FirehoseStreamARN,
			ExecutionLogging: a.ExecutionLogging, ExecutionLogRetentionInDays: executionRetention,
			DataTrace: a.DataTrace, DetailedMetrics: a.DetailedMetrics,
			AdoptExecutionLogGroup: a.AdoptExecutionLogGroup, ExecutionLogKMSKeyARN: a.KMSKeyARN,
			DeleteLogsOnDestroy: a.DeleteLogsOnDestroy, XRayTracing: a.XRayTracing, Tags: a.Tags,
		}).validate()
	}
	if err != nil {
		return nil, err
	}
	p.account, err = (&AccountArgs{
		AccountSetting: a.AccountSetting, CloudWatchRoleARN: a.CloudWatchRoleARN, Tags: a.Tags,
	}).validate()
	return p, err
}

// NewAccessLogging creates the parts. All args are checked before anything is registered.
func NewAccessLogging(ctx *pulumi.Context, name string, args *AccessLoggingArgs, opts ...pulumi.ResourceOption) (*AccessLogging, error) {
	p, err := args.validate(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("access logging %s: %w", name, err)
	}
	c := &AccessLogging{}
	if err := register(ctx, accessLoggingToken, name, args, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	if args.CreateKMSKey {
		if c.Key, err = newAccessLogKey(ctx, name, args, p, parent); err != nil {
			return nil, err
		}
	}
	c.LogGroupName, c.LogGroupARN = pulumi.String("").ToStringOutput(), pulumi.String("").ToStringOutput()
	if p.logGroup != nil {
		if c.LogGroup, err = newLogGroup(ctx, name, p.logGroup, parent); err != nil {
			return nil, err
		}
		c.LogGroupName, c.LogGroupARN = c.LogGroup.Name, c.LogGroup.ARN
	}
	c.CloudWatchRoleARN = pulumi.String("").ToStringOutput()
	c.AccountAction = pulumi.String(string(ActionNone)).ToStringOutput()
	if p.account != nil && p.httpStage == nil {
		if c.Account, err = newAccount(ctx, name, p.account, parent); err != nil {
			return nil, err
		}
		c.CloudWatchRoleARN, c.AccountAction = c.Account.CloudWatchRoleARN, c.Account.Action
	}
	c.ExecutionLogGroupName = pulumi.String("").ToStringOutput()
	switch {
	case p.httpStage != nil:
		p.httpStage.LogGroup = c.LogGroup
		if c.HTTPStage, err = newHTTPStage(ctx, name, p.httpStage, parent); err != nil {
			return nil, err
		}
		s := c.HTTPStage
		c.StageName, c.StageARN, c.InvokeURL, c.Format = s.StageName, s.ARN, s.InvokeURL, s.Format
	case p.wsStage != nil:
		p.wsStage.LogGroup, p.wsStage.Account = c.LogGroup, c.Account
		if c.WebSocketStage, err = newWebSocketStage(ctx, name, p.wsStage, p.execution, parent); err != nil {
			return nil, err
		}
		s := c.WebSocketStage
		c.StageName, c.StageARN, c.InvokeURL, c.Format = s.StageName, s.ARN, s.InvokeURL, s.Format
		c.ExecutionLogGroupName = s.ExecutionLogGroupName
	default:
		p.stage.LogGroup, p.stage.Account = c.LogGroup, c.Account
		if c.Stage, err = newStage(ctx, name, p.stage, p.execution, parent); err != nil {
			return nil, err
		}
		s := c.Stage
		c.StageName, c.StageARN, c.InvokeURL, c.Format = s.StageName, s.ARN, s.InvokeURL, s.Format
		c.ExecutionLogGroupName = s.ExecutionLogGroupName
	}
	if c.LogGroup != nil {
		if c.Monitoring, err = NewMonitoring(ctx, name, &MonitoringArgs{
			LogGroup: c.LogGroup, Format: c.Format, APIType: args.APIType,
			DisableSavedQueries: args.DisableSavedQueries, Alarm5XXThreshold: args.Alarm5XXThreshold,
			AlarmTopicARN: p.alarmTopic, Tags: args.Tags,
		}, parent); err != nil {
			return nil, err
		}
	}
	if args.LogGroupClass == LogGroupClassInfrequentAccess {
		if err := ctx.Log.Warn("log group class INFREQUENT_ACCESS: the API Gateway developer guide does not say "+
			"whether API Gateway delivers access logs to this class; check that lines arrive (go run "+
			"./tests/cmd/verify) before relying on it", &pulumi.LogArgs{Resource: c}); err != nil {
			return nil, err
		}
	}
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"logGroupName":          c.LogGroupName,
		"logGroupArn":           c.LogGroupARN,
		"executionLogGroupName": c.ExecutionLogGroupName,
		"cloudWatchRoleArn":     c.CloudWatchRoleARN,
		"accountAction":         c.AccountAction,
		"stageName":             c.StageName,
		"stageArn":              c.StageARN,
		"invokeUrl":             c.InvokeURL,
		"accessLogFormat":       c.Format,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

// newAccessLogKey creates the key for the access-log group and, with execution logging, the execution-log
// group, and points their args at it.
func newAccessLogKey(ctx *pulumi.Context, name string, args *AccessLoggingArgs, p *parts, parent pulumi.ResourceOption) (*LogKey, error) {
	groups := pulumi.StringArray{p.logGroup.Name}
	if p.execution != nil && p.execution.level.on() {
		groups = append(groups, pulumi.Sprintf("%s%s/%s", ExecutionLogGroupPrefix, args.APIID, args.StageName))
	}
	key, err := NewLogKey(ctx, name, &LogKeyArgs{LogGroupNames: groups, Retain: !args.DeleteLogsOnDestroy, Tags: args.Tags}, parent)
	if err != nil {
		return nil, err
	}
	p.logGroup.KMSKeyARN = key.ARN
	if p.execution != nil {
		p.execution.kmsKeyARN = key.ARN
	}
	return key, nil
}
