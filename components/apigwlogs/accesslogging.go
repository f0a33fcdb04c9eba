package apigwlogs

import (
	"errors"
	"fmt"
	"sync"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/apigateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// KMSKeyCreate is the kmsKey value that creates a customer-managed key ([LogKey]) for the log groups.
const KMSKeyCreate = "create"

// AccessLoggingArgs configures [AccessLogging]. APIID, StageName and (except for HTTP APIs) DeploymentID are
// required; the rest is optional.
//
// Every Input may be computed by another resource of the same update: it is checked when it resolves, before
// the resource that uses it is sent to AWS, and a preview never fails because it is unknown. The plain fields
// must be known when the program runs, because they decide which resources exist; so must kmsKey when it is
// "create". A computed accessLogFormat delays the saved queries and the 5XX alarm, which are written from the
// format, until it resolves: a preview that cannot know it does not list them.
type AccessLoggingArgs struct {
	// APIType is the API's type: rest (the default), http or websocket.
	APIType accesslog.APIType `pulumi:"apiType,optional"`
	// APIID is the API whose stage logs: the 10 lowercase letters and digits API Gateway gave it.
	APIID pulumi.StringInput `pulumi:"apiId"`
	// DeploymentID is the deployment the stage serves. Optional for HTTP APIs (the stage deploys every change).
	DeploymentID pulumi.StringInput `pulumi:"deploymentId,optional"`
	// StageName is the stage's name: 1 to 128 characters from A-Z a-z 0-9 _ -; HTTP and WebSocket stages may
	// also be $default.
	StageName pulumi.StringInput `pulumi:"stageName"`
	// AccessLogFormat is a preset of the API type (rest: clf, json, csv, xml, aws-guide-json; http: http-json,
	// http-clf; websocket: websocket-json) or a custom single-line format with $context variables that includes
	// $context.requestId or $context.extendedRequestId. Optional: the type's JSON preset.
	AccessLogFormat pulumi.StringInput `pulumi:"accessLogFormat,optional"`
	// LogGroupName names the access-log group. Optional: /apigateway/<project>/<stack>/<component name>.
	LogGroupName pulumi.StringInput `pulumi:"logGroupName,optional"`
	// RetentionInDays is how long the access logs are kept, in days: 0 (never expire), 1, 3, 5, 7, 14, 30, 60,
	// 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653. Optional: 7.
	RetentionInDays pulumi.IntInput `pulumi:"retentionInDays,optional"`
	// KMSKey encrypts the log groups (access and execution): "create" creates a customer-managed key with the
	// policy CloudWatch Logs needs, rotated yearly and kept like the logs; any other value is the ARN of an
	// existing key whose policy lets logs.<region>.amazonaws.com use it. Optional: the AWS-owned key.
	KMSKey pulumi.StringInput `pulumi:"kmsKey,optional"`
	// LogGroupClass is the access-log group's class: STANDARD (the default) or INFREQUENT_ACCESS.
	LogGroupClass LogGroupClass `pulumi:"logGroupClass,optional"`
	// DeleteOnDestroy deletes the log groups, their logs and a created key when the stack is destroyed. The
	// default, false, keeps them, and a later run of the same stack adopts them.
	DeleteOnDestroy bool `pulumi:"deleteOnDestroy,optional"`
	// XRayTracing turns on AWS X-Ray tracing (REST APIs only).
	XRayTracing bool `pulumi:"xrayTracing,optional"`
	// DisableSavedQueries leaves out the saved Logs Insights queries written from the format.
	DisableSavedQueries bool `pulumi:"disableSavedQueries,optional"`
	// Alarm5XXThreshold turns on a CloudWatch alarm when at least this many 5XX responses are logged in 5
	// minutes. 0, the default, is off.
	Alarm5XXThreshold int `pulumi:"alarm5xxThreshold,optional"`
	// AlarmTopicARN is an SNS topic the 5XX alarm notifies. Optional.
	AlarmTopicARN pulumi.StringInput `pulumi:"alarmTopicArn,optional"`
	// FirehoseStreamARN sends REST access logs to a Kinesis Data Firehose stream (its name starts with
	// amazon-apigateway-) instead of a log group, and no access-log group is created. Optional.
	FirehoseStreamARN pulumi.StringInput `pulumi:"firehoseStreamArn,optional"`
	// AccountSetting says what to do with the region's API Gateway account setting: auto (the default), manage
	// or leave. HTTP APIs do not use the setting, so nothing is read or written for them.
	AccountSetting AccountMode `pulumi:"accountSetting,optional"`
	// CloudWatchRoleARN is an existing role for the account setting, with accountSetting manage. Optional: a
	// created role.
	CloudWatchRoleARN pulumi.StringInput `pulumi:"cloudWatchRoleArn,optional"`
	// ExecutionLogging turns on execution logs (REST and WebSocket): off (the default), error or info.
	ExecutionLogging ExecutionLogging `pulumi:"executionLogging,optional"`
	// ExecutionLogRetentionInDays is the execution-log group's retention. Optional: retentionInDays.
	ExecutionLogRetentionInDays pulumi.IntInput `pulumi:"executionLogRetentionInDays,optional"`
	// DataTrace logs request and response bodies in the execution logs. Needs executionLogging.
	DataTrace bool `pulumi:"dataTrace,optional"`
	// DetailedMetrics turns on CloudWatch metrics per method (REST) or per route (HTTP, WebSocket).
	DetailedMetrics bool `pulumi:"detailedMetrics,optional"`
	// AdoptExecutionLogGroup adopts an execution-log group API Gateway already created. Needs executionLogging
	// and an API id known when the program runs.
	AdoptExecutionLogGroup bool `pulumi:"adoptExecutionLogGroup,optional"`
	// ExecutionLogDestination is where a REST stage's execution logs go: standard (the default), the group API
	// Gateway names and truncates at 1 KB per event; create, a CloudWatch Logs delivery to a log group this stack
	// creates (<access-log group>/execution, with the same retention, key and tags); or the ARN of an existing
	// log group, S3 bucket or Firehose stream to deliver to ([ExecutionLogDelivery]). Needs executionLogging.
	// standard and create must be known when the program runs; an ARN may be computed.
	ExecutionLogDestination pulumi.StringInput `pulumi:"executionLogDestination,optional"`
	// Dashboard creates a CloudWatch dashboard for the stage ([Dashboard]): traffic, errors and latency from the
	// access logs and API Gateway's metrics. Off by default: CloudWatch charges for dashboards beyond the
	// first three of an account.
	Dashboard bool `pulumi:"dashboard,optional"`
	// APIName is the REST API's name, which names its CloudWatch metrics, for the dashboard. Optional: read from
	// the API when apiId is known when the program runs; required for a REST dashboard when apiId is computed.
	APIName pulumi.StringInput `pulumi:"apiName,optional"`
	// Tags are added to everything that takes tags. Optional.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// AccessLogging wires a [LogGroup], an [Account] (as AccountSetting says; none for HTTP APIs) and the stage of
// the API's type ([Stage], [HTTPStage] or [WebSocketStage]) that logs to the group, with the saved queries and
// the 5XX alarm ([Monitoring]) and a created key ([LogKey]): access logging, and optionally execution logging,
// for one stage in one call.
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
	// KMSKeyARN is the created key's ARN; empty unless kmsKey is create.
	KMSKeyARN pulumi.StringOutput `pulumi:"kmsKeyArn"`
	// ExecutionLogDestinationARN is the ARN execution logs are delivered to; empty for the standard group.
	ExecutionLogDestinationARN pulumi.StringOutput `pulumi:"executionLogDestinationArn"`
	// SavedQueries are the saved queries' names; empty without an access-log group or with
	// disableSavedQueries.
	SavedQueries pulumi.StringArrayOutput `pulumi:"savedQueries"`
	// Alarm5XXFilterPattern is the 5XX metric filter's pattern; empty when the alarm is off.
	Alarm5XXFilterPattern pulumi.StringOutput `pulumi:"alarm5xxFilterPattern"`
	// Alarm5XXARN is the 5XX alarm's ARN; empty when it is off.
	Alarm5XXARN pulumi.StringOutput `pulumi:"alarm5xxArn"`
	// DashboardName is the stage's dashboard; empty unless dashboard is on.
	DashboardName pulumi.StringOutput `pulumi:"dashboardName"`
	// CloudWatchRoleARN is the role the account setting names after this run; empty for accountSetting leave
	// and for HTTP APIs.
	CloudWatchRoleARN pulumi.StringOutput `pulumi:"cloudWatchRoleArn"`
	// AccountAction is what this run does with the account setting: create, keep, take-over, set, use-existing
	// or none.
	AccountAction pulumi.StringOutput `pulumi:"accountAction"`
	// StageName is the stage's name.
	StageName pulumi.StringOutput `pulumi:"stageName"`
	// StageARN is the stage's ARN.
	StageARN pulumi.StringOutput `pulumi:"stageArn"`
	// InvokeURL is the URL that invokes the stage.
	InvokeURL pulumi.StringOutput `pulumi:"invokeUrl"`
	// AccessLogFormat is the access-log format the stage uses: a preset resolved, a custom format normalised.
	AccessLogFormat pulumi.StringOutput `pulumi:"accessLogFormat"`

	// LogGroup and Account are the parts (LogGroup is nil with a Firehose destination, Account for HTTP APIs);
	// exactly one of Stage, HTTPStage and WebSocketStage is set, as APIType says. Key is the created KMS key
	// (nil unless kmsKey is create). Monitoring holds the saved queries and the 5XX alarm (nil without a log
	// group), Dashboard the dashboard (nil unless dashboard is on); both are nil when the format is computed
	// (their outputs are then the composite's).
	Key            *LogKey
	Monitoring     *Monitoring
	Dashboard      *Dashboard
	Delivery       *ExecutionLogDelivery
	LogGroup       *LogGroup
	Account        *Account
	Stage          *Stage
	HTTPStage      *HTTPStage
	WebSocketStage *WebSocketStage
}

// parts are the checked args of the parts.
type parts struct {
	createKey bool
	// deliveryGroup is the name of the log group a delivery to create writes to.
	deliveryGroup pulumi.StringInput
	// delivery is the checked executionLogDestination when execution logs are delivered (nil for standard).
	delivery   pulumi.StringInput
	logGroup   *LogGroupArgs
	account    *AccountArgs
	stage      *StageArgs
	httpStage  *HTTPStageArgs
	wsStage    *WebSocketStageArgs
	alarmTopic pulumi.StringInput
}

// Validate checks the args that are known when the program runs, through the parts' own checks, so a bad
// value fails before the composite or any part is registered; [NewAccessLogging] checks computed values when
// they resolve. The error is one or more [ArgError]s, naming this struct's fields.
func (a *AccessLoggingArgs) Validate() error {
	_, err := a.check(false)
	return err
}

func (a *AccessLoggingArgs) check(wrap bool) (*parts, error) {
	if a == nil {
		return nil, fieldError("args", nil, errArgsRequired)
	}
	c := &checker{wrap: wrap}
	api := a.APIType.OrREST()
	if err := ValidateAPIType(a.APIType); err != nil {
		return nil, fieldError("apiType", string(a.APIType), err)
	}
	p := &parts{}
	var kmsARN pulumi.StringInput
	switch v, isKnown := known(a.KMSKey); {
	case a.KMSKey == nil:
	case isKnown && v == KMSKeyCreate:
		p.createKey = true
	case isKnown:
		if err := ValidateKMSKeyARN(v); err != nil {
			c.add(fieldError("kmsKey", v, fmt.Errorf("%w; or create, for a key this stack creates with the policy "+
				"CloudWatch Logs needs", err)))
		}
		kmsARN = a.KMSKey
	default: // computed: an ARN; create must be known to create the key
		kmsARN = c.str("kmsKey", a.KMSKey, func(v string) error {
			if v == KMSKeyCreate {
				return errors.New("create must be known when the program runs, not computed by another resource")
			}
			return ValidateKMSKeyARN(v)
		})
	}
	executionLogs := a.ExecutionLogging.On()
	level, class := a.ExecutionLogging, a.LogGroupClass // for messages: the zero values read as what they mean
	if level == "" {
		level = ExecutionLoggingOff
	}
	if class == "" {
		class = LogGroupClassStandard
	}
	firehose := a.FirehoseStreamARN != nil
	switch {
	case a.XRayTracing && api != accesslog.REST:
		c.add(combination("API Gateway traces REST stages only", "apiType", string(api), "xrayTracing", true))
	case firehose && api != accesslog.REST:
		c.add(combination("Firehose destinations are for REST APIs only; HTTP and WebSocket APIs log to "+
			"CloudWatch Logs", "apiType", string(api), "firehoseStreamArn", value(a.FirehoseStreamARN)))
	case firehose && (a.Alarm5XXThreshold > 0 || a.LogGroupClass == LogGroupClassInfrequentAccess):
		c.add(combination("with a Firehose destination there is no access-log group to classify or alarm on",
			"firehoseStreamArn", value(a.FirehoseStreamARN), "logGroupClass", class,
			"alarm5xxThreshold", a.Alarm5XXThreshold))
	case firehose && a.KMSKey != nil && !executionLogs:
		c.add(combination("with a Firehose destination and no execution logs there is no log group to encrypt "+
			"(the key would encrypt the execution-log group: turn executionLogging on, or remove kmsKey)",
			"firehoseStreamArn", value(a.FirehoseStreamARN), "kmsKey", value(a.KMSKey),
			"executionLogging", level))
	}
	if api == accesslog.HTTP {
		switch {
		case executionLogs || a.DataTrace || a.AdoptExecutionLogGroup:
			c.add(combination("HTTP APIs have no execution logs (AWS: Execution logs are not supported on "+
				"protocolType HTTP); use access logs, or a REST or WebSocket API", "apiType", string(api),
				"executionLogging", level, "dataTrace", a.DataTrace,
				"adoptExecutionLogGroup", a.AdoptExecutionLogGroup))
		case a.AccountSetting == AccountManage || a.CloudWatchRoleARN != nil:
			c.add(combination("HTTP APIs do not use the API Gateway account setting: leave accountSetting at auto "+
				"(nothing is read or written for HTTP APIs) and remove cloudWatchRoleArn", "apiType", string(api),
				"accountSetting", a.AccountSetting.effective(), "cloudWatchRoleArn", value(a.CloudWatchRoleARN)))
		}
	}
	p.alarmTopic = checkAlarm(c, a.Alarm5XXThreshold, a.AlarmTopicARN, a.LogGroupClass)
	if v, isKnown := known(a.ExecutionLogDestination); a.ExecutionLogDestination != nil && !(isKnown && v == ExecutionLogDestinationStandard) {
		switch {
		case api != accesslog.REST:
			c.add(combination("execution logs are delivered from REST stages only (AWS refuses a delivery source "+
				"for an HTTP or WebSocket stage); use standard", "apiType", string(api),
				"executionLogDestination", value(a.ExecutionLogDestination)))
		case !executionLogs:
			c.add(combination("AWS refuses a delivery source for a stage whose execution logging is off: set "+
				"executionLogging to error or info, or executionLogDestination to standard",
				"executionLogDestination", value(a.ExecutionLogDestination), "executionLogging", level))
		default:
			p.delivery = c.deliveryDestination(a.ExecutionLogDestination, true)
		}
	}
	if _, knownAPI := known(a.APIID); a.Dashboard && api == accesslog.REST && a.APIName == nil && a.APIID != nil && !knownAPI {
		c.add(combination("a REST API's metrics are named by the API's name: give apiName when another resource "+
			"computes apiId (with a known apiId the name is read from the API)", "dashboard", true,
			"apiName", "", "apiId", value(a.APIID)))
	}

	executionRetention := a.ExecutionLogRetentionInDays
	if !firehose {
		group, err := (&LogGroupArgs{
			Name: a.LogGroupName, RetentionInDays: a.RetentionInDays, KMSKey: kmsARN, Tags: a.Tags,
			LogGroupClass: a.LogGroupClass, DeleteOnDestroy: a.DeleteOnDestroy,
		}).check(wrap)
		c.add(renamed(err, map[string]string{"name": "logGroupName"}))
		p.logGroup = group
		if executionRetention == nil && group != nil {
			executionRetention = group.RetentionInDays
		}
	} else if executionRetention == nil {
		executionRetention = c.int("retentionInDays", a.RetentionInDays, ValidateRetention)
	}
	var err error
	var executionKey pulumi.StringInput
	if p.logGroup == nil { // the log group's check reports a bad key ARN; only the stage would see it otherwise
		executionKey = kmsARN
	}
	switch api {
	case accesslog.HTTP:
		p.httpStage, err = (&HTTPStageArgs{APIID: a.APIID, DeploymentID: a.DeploymentID, StageName: a.StageName,
			AccessLogFormat: a.AccessLogFormat, DetailedMetrics: a.DetailedMetrics, Tags: a.Tags}).check(wrap)
	case accesslog.WebSocket:
		p.wsStage, err = (&WebSocketStageArgs{APIID: a.APIID, DeploymentID: a.DeploymentID,
			StageName: a.StageName, AccessLogFormat: a.AccessLogFormat, DetailedMetrics: a.DetailedMetrics,
			Tags: a.Tags, ExecutionLogging: a.ExecutionLogging, DataTrace: a.DataTrace,
			AdoptExecutionLogGroup: a.AdoptExecutionLogGroup, ExecutionLogRetentionInDays: a.ExecutionLogRetentionInDays,
			KMSKey: executionKey, DeleteOnDestroy: a.DeleteOnDestroy}).check(wrap)
		if p.wsStage != nil {
			p.wsStage.ExecutionLogRetentionInDays, p.wsStage.KMSKey = executionRetention, kmsARN
		}
	default:
		p.stage, err = (&StageArgs{APIID: a.APIID, DeploymentID: a.DeploymentID, StageName: a.StageName,
			AccessLogFormat: a.AccessLogFormat, FirehoseStreamARN: a.FirehoseStreamARN,
			DetailedMetrics: a.DetailedMetrics, XRayTracing: a.XRayTracing, Tags: a.Tags,
			ExecutionLogging: a.ExecutionLogging, DataTrace: a.DataTrace,
			AdoptExecutionLogGroup: a.AdoptExecutionLogGroup, ExecutionLogRetentionInDays: a.ExecutionLogRetentionInDays,
			KMSKey: executionKey, DeleteOnDestroy: a.DeleteOnDestroy}).check(wrap)
		if p.stage != nil {
			p.stage.ExecutionLogRetentionInDays, p.stage.KMSKey = executionRetention, kmsARN
		}
	}
	c.add(err)
	if api != accesslog.HTTP {
		p.account, err = (&AccountArgs{
			AccountSetting: a.AccountSetting, CloudWatchRoleARN: a.CloudWatchRoleARN, Tags: a.Tags,
		}).check(wrap)
		c.add(err)
	}
	return p, c.err()
}

// NewAccessLogging creates the parts. All args are checked before anything is registered.
func NewAccessLogging(ctx *pulumi.Context, name string, args *AccessLoggingArgs, opts ...pulumi.ResourceOption) (*AccessLogging, error) {
	p, err := args.check(true)
	if err != nil {
		return nil, fmt.Errorf("access logging %s: %w", name, err)
	}
	c := &AccessLogging{}
	if err := register(ctx, accessLoggingToken, name, args, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	apiName := args.APIName
	if id, knownAPI := known(args.APIID); args.Dashboard && args.APIType.OrREST() == accesslog.REST && apiName == nil && knownAPI {
		// The dashboard's REST metrics are named by the API's name: one read of the existing API, which runs
		// beside the other lookups and waits for nothing.
		api, err := apigateway.GetRestApi(ctx, name+"-api", pulumi.ID(id), nil, parent)
		if err != nil {
			return nil, err
		}
		apiName = api.Name
	}
	empty := pulumi.String("").ToStringOutput()
	if p.logGroup != nil {
		p.logGroup = p.logGroup.withDefaults(ctx, name)
	}
	if v, _ := known(p.delivery); v == ExecutionLogDestinationCreate {
		// Named apart from the access-log group, and never API Gateway's own execution-log group.
		p.deliveryGroup = pulumi.String(DefaultLogGroupName(ctx, name) + "/execution")
		if p.logGroup != nil {
			p.deliveryGroup = pulumi.Sprintf("%s/execution", p.logGroup.Name)
			if n, ok := known(p.logGroup.Name); ok {
				p.deliveryGroup = pulumi.String(n + "/execution") // known: a group kept on destroy is adopted
			}
		}
	}
	c.KMSKeyARN, c.LogGroupName, c.LogGroupARN, c.CloudWatchRoleARN = empty, empty, empty, empty
	c.AccountAction = pulumi.String(string(ActionNone)).ToStringOutput()
	// Two branches that wait for lookups run side by side: the account setting's read, which starts the
	// necessary chain (read, role, policy attachment, setting, stage), and the log group's adoption check
	// (whether the group exists, and whose it is). Neither waits for the other; the stage waits for both.
	var wg sync.WaitGroup
	var accountErr, groupErr error
	if p.account != nil {
		wg.Go(func() {
			if c.Account, accountErr = newAccount(ctx, name, p.account, parent); accountErr == nil {
				c.CloudWatchRoleARN, c.AccountAction = c.Account.CloudWatchRoleARN, c.Account.Action
			}
		})
	}
	wg.Go(func() {
		if p.createKey {
			if c.Key, groupErr = newAccessLogKey(ctx, name, args, p, parent); groupErr != nil {
				return
			}
			c.KMSKeyARN = c.Key.ARN
		}
		if p.logGroup != nil {
			if c.LogGroup, groupErr = newLogGroup(ctx, name, p.logGroup, parent); groupErr == nil {
				c.LogGroupName, c.LogGroupARN = c.LogGroup.Name, c.LogGroup.ARN
			}
		}
	})
	wg.Wait()
	if err := errors.Join(accountErr, groupErr); err != nil {
		return nil, err
	}
	var stage stageOutputs
	switch {
	case p.httpStage != nil:
		p.httpStage.LogGroup = c.LogGroup
		if c.HTTPStage, err = newHTTPStage(ctx, name, p.httpStage, parent); err != nil {
			return nil, err
		}
		stage = c.HTTPStage.outputs()
	case p.wsStage != nil:
		p.wsStage.LogGroup, p.wsStage.Account = c.LogGroup, c.Account
		if c.WebSocketStage, err = newWebSocketStage(ctx, name, p.wsStage, parent); err != nil {
			return nil, err
		}
		stage = c.WebSocketStage.outputs()
	default:
		p.stage.LogGroup, p.stage.Account = c.LogGroup, c.Account
		if c.Stage, err = newStage(ctx, name, p.stage, parent); err != nil {
			return nil, err
		}
		stage = c.Stage.outputs()
	}
	c.ExecutionLogDestinationARN = empty
	if p.delivery != nil {
		if c.Delivery, err = newExecutionLogDelivery(ctx, name, &ExecutionLogDeliveryArgs{
			APIID: p.stage.APIID, StageName: p.stage.StageName, Stage: c.Stage, ExecutionLogDestination: p.delivery,
			LogGroupName: p.deliveryGroup, RetentionInDays: p.stage.ExecutionLogRetentionInDays,
			KMSKey: p.stage.KMSKey, DeleteOnDestroy: args.DeleteOnDestroy, Tags: args.Tags,
		}, parent); err != nil {
			return nil, err
		}
		c.ExecutionLogDestinationARN = c.Delivery.DestinationARN
	}
	c.StageName, c.StageARN, c.InvokeURL = *stage.stageName, *stage.arn, *stage.invokeURL
	c.AccessLogFormat, c.ExecutionLogGroupName = *stage.accessLogFormat, *stage.executionLogGroupName
	if err := c.fromFormat(ctx, name, args, p, apiName, parent); err != nil {
		return nil, err
	}
	if args.LogGroupClass == LogGroupClassInfrequentAccess {
		if err := ctx.Log.Warn("log group class INFREQUENT_ACCESS: the API Gateway developer guide does not say "+
			"whether API Gateway delivers access logs to this class; check that lines arrive before relying on it",
			&pulumi.LogArgs{Resource: c}); err != nil {
			return nil, err
		}
	}
	outputs := pulumi.Map{"savedQueries": c.SavedQueries}
	for k, v := range map[string]pulumi.StringOutput{
		"alarm5xxFilterPattern": c.Alarm5XXFilterPattern, "alarm5xxArn": c.Alarm5XXARN,
		"logGroupName": c.LogGroupName, "logGroupArn": c.LogGroupARN, "executionLogGroupName": c.ExecutionLogGroupName,
		"kmsKeyArn": c.KMSKeyARN, "dashboardName": c.DashboardName,
		"executionLogDestinationArn": c.ExecutionLogDestinationARN, "cloudWatchRoleArn": c.CloudWatchRoleARN, "accountAction": c.AccountAction,
		"stageName": c.StageName, "stageArn": c.StageARN, "invokeUrl": c.InvokeURL, "accessLogFormat": c.AccessLogFormat,
	} {
		outputs[k] = v
	}
	if err := ctx.RegisterResourceOutputs(c, outputs); err != nil {
		return nil, err
	}
	return c, nil
}

// fromFormat writes what the stage's format decides: the saved queries and the 5XX alarm ([Monitoring]), and
// the dashboard's log widgets ([Dashboard]). When the format is known now they are registered now; when
// another resource computes it they are registered once it resolves, so the program never waits for it and a
// preview that cannot know it still runs.
func (c *AccessLogging) fromFormat(ctx *pulumi.Context, name string, args *AccessLoggingArgs, p *parts,
	apiName pulumi.StringInput, parent pulumi.ResourceOption,
) error {
	empty := pulumi.String("").ToStringOutput()
	c.setFormatOutputs((&formatParts{}).outputs(empty))
	if c.LogGroup == nil && !args.Dashboard {
		return nil
	}
	build := func(format string) (*formatParts, error) {
		out := &formatParts{}
		var alarm pulumi.StringInput
		if c.LogGroup != nil {
			m, err := NewMonitoring(ctx, name, &MonitoringArgs{
				LogGroup: c.LogGroup, AccessLogFormat: format, APIType: args.APIType,
				DisableSavedQueries: args.DisableSavedQueries, Alarm5XXThreshold: args.Alarm5XXThreshold,
				AlarmTopicARN: p.alarmTopic, Tags: args.Tags,
			}, parent)
			if err != nil {
				return nil, err
			}
			out.monitoring = m
			if args.Alarm5XXThreshold > 0 {
				alarm = m.Alarm5XXARN
			}
		}
		if args.Dashboard {
			dashboardArgs := &DashboardArgs{APIType: args.APIType, APIID: args.APIID, APIName: apiName,
				StageName: args.StageName, Alarm5XXARN: alarm}
			if c.LogGroup != nil {
				dashboardArgs.LogGroup, dashboardArgs.AccessLogFormat = c.LogGroup, format
			}
			d, err := NewDashboard(ctx, name, dashboardArgs, parent)
			if err != nil {
				return nil, err
			}
			out.dashboard = d
		}
		return out, nil
	}
	var format pulumi.StringInput
	switch {
	case p.stage != nil:
		format = p.stage.AccessLogFormat
	case p.httpStage != nil:
		format = p.httpStage.AccessLogFormat
	default:
		format = p.wsStage.AccessLogFormat
	}
	if v, ok := known(format); ok {
		made, err := build(v)
		if err != nil {
			return err
		}
		c.Monitoring, c.Dashboard = made.monitoring, made.dashboard
		c.setFormatOutputs(made.outputs(empty))
		return nil
	}
	if err := ctx.Log.Info("accessLogFormat is computed by another resource: the saved queries, the 5XX alarm and "+
		"the dashboard are written once it is known, and a preview that cannot know it does not list them",
		&pulumi.LogArgs{Resource: c}); err != nil {
		return err
	}
	made := format.ToStringOutput().ApplyT(func(f string) (*formatParts, error) { return build(f) })
	outputs := func(m any) formatOutputs { return m.(*formatParts).outputs(empty) }
	c.setFormatOutputs(formatOutputs{
		savedQueries: made.ApplyT(func(m any) pulumi.StringArrayOutput { return outputs(m).savedQueries }).(pulumi.StringArrayOutput),
		pattern:      made.ApplyT(func(m any) pulumi.StringOutput { return outputs(m).pattern }).(pulumi.StringOutput),
		alarmARN:     made.ApplyT(func(m any) pulumi.StringOutput { return outputs(m).alarmARN }).(pulumi.StringOutput),
		dashboard:    made.ApplyT(func(m any) pulumi.StringOutput { return outputs(m).dashboard }).(pulumi.StringOutput),
	})
	return nil
}

// formatParts are the parts the format decides; each is nil when it is off.
type formatParts struct {
	monitoring *Monitoring
	dashboard  *Dashboard
}

// formatOutputs are the outputs of the parts the format decides.
type formatOutputs struct {
	savedQueries                 pulumi.StringArrayOutput
	pattern, alarmARN, dashboard pulumi.StringOutput
}

// outputs are the parts' outputs, empty for a part that is off.
func (f *formatParts) outputs(empty pulumi.StringOutput) formatOutputs {
	o := formatOutputs{savedQueries: pulumi.StringArray{}.ToStringArrayOutput(), pattern: empty, alarmARN: empty,
		dashboard: empty}
	if f.monitoring != nil {
		o.savedQueries, o.pattern, o.alarmARN = f.monitoring.SavedQueries, f.monitoring.Alarm5XXFilterPattern,
			f.monitoring.Alarm5XXARN
	}
	if f.dashboard != nil {
		o.dashboard = f.dashboard.DashboardName
	}
	return o
}

func (c *AccessLogging) setFormatOutputs(o formatOutputs) {
	c.SavedQueries, c.Alarm5XXFilterPattern, c.Alarm5XXARN, c.DashboardName = o.savedQueries, o.pattern,
		o.alarmARN, o.dashboard
}

// newAccessLogKey creates the key for the access-log group and, with execution logging, the execution-log
// group, and points their args at it.
func newAccessLogKey(ctx *pulumi.Context, name string, args *AccessLoggingArgs, p *parts, parent pulumi.ResourceOption) (*LogKey, error) {
	var groups pulumi.StringArray
	if p.logGroup != nil {
		groups = append(groups, p.logGroup.Name)
	}
	if args.ExecutionLogging.On() {
		groups = append(groups, pulumi.Sprintf("%s%s/%s", ExecutionLogGroupPrefix, args.APIID, args.StageName))
	}
	if p.deliveryGroup != nil {
		groups = append(groups, p.deliveryGroup)
	}
	key, err := NewLogKey(ctx, name, &LogKeyArgs{LogGroupNames: groups, DeleteOnDestroy: args.DeleteOnDestroy, Tags: args.Tags}, parent)
	if err != nil {
		return nil, err
	}
	if p.logGroup != nil {
		p.logGroup.KMSKey = key.ARN
	}
	switch {
	case p.stage != nil:
		p.stage.KMSKey = key.ARN
	case p.wsStage != nil:
		p.wsStage.KMSKey = key.ARN
	}
	return key, nil
}
