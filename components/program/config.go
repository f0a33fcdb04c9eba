package program

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
)

// The config keys, in the project's namespace (apigw-access-logs:<key>). Pulumi.yaml declares each with its
// type, description and default; TestPulumiYAMLMatchesDefaults keeps the two in step.
const (
	KeyStageName                   = "stageName"
	KeyAPIType                     = "apiType"
	KeyAPIID                       = "apiId"
	KeyRetentionInDays             = "retentionInDays"
	KeyAccessLogFormat             = "accessLogFormat"
	KeyFirehoseStreamARN           = "firehoseStreamArn"
	KeyAccountSetting              = "accountSetting"
	KeyCloudWatchRoleARN           = "cloudWatchRoleArn"
	KeyExecutionLogging            = "executionLogging"
	KeyExecutionLogRetentionInDays = "executionLogRetentionInDays"
	KeyDataTrace                   = "dataTrace"
	KeyDetailedMetrics             = "detailedMetrics"
	KeyAdoptExecutionLogGroup      = "adoptExecutionLogGroup"
	KeyKMSKey                      = "kmsKey"
	KeyLogGroupClass               = "logGroupClass"
	KeyRetainLogGroupOnDestroy     = "retainLogGroupOnDestroy"
	KeySavedQueries                = "savedQueries"
	KeyAlarm5XXThreshold           = "alarm5xxThreshold"
	KeyAlarmTopicARN               = "alarmTopicArn"
	KeyXRayTracing                 = "xrayTracing"
	KeyTags                        = "tags"
)

// KMSKeyCreate is the kmsKey value that creates a customer-managed key.
const KMSKeyCreate = "create"

// Keys that were replaced: a stack file that still sets one gets an error naming its replacement.
const (
	// KeyManageAccount was replaced by KeyAccountSetting (true → manage, false → leave).
	KeyManageAccount = "manageAccount"
	// KeyRestAPIID was replaced by KeyAPIID, which serves every API type.
	KeyRestAPIID = "restApiId"
)

// Defaults for the optional keys.
const (
	DefaultAPIType         = apigwlogs.APIRest
	DefaultRetentionInDays = apigwlogs.DefaultRetentionInDays
	// DefaultAccessLogFormat is empty: the JSON preset of the API type (json, http-json, websocket-json).
	DefaultAccessLogFormat  = ""
	DefaultAccountSetting   = apigwlogs.AccountAuto
	DefaultExecutionLogging = apigwlogs.ExecutionLoggingOff
	// SameRetention is executionLogRetentionInDays' default: the execution logs keep retentionInDays.
	SameRetention = -1
	// DefaultRetainLogGroupOnDestroy keeps audit logs when a stack is destroyed: a destroy must never delete
	// the evidence of what the API served. Disposable stacks (dev, review stacks) set it to false.
	DefaultRetainLogGroupOnDestroy = true
	DefaultSavedQueries            = true
	DefaultLogGroupClass           = apigwlogs.LogGroupClassStandard
)

// Config is the stack's config, checked and typed.
type Config struct {
	// StageName is the stage to create.
	StageName string
	// APIType is the API's type: rest, http or websocket.
	APIType apigwlogs.APIType
	// APIID is an existing API of that type; empty to create the demo API.
	APIID string
	// RetentionInDays is the access-log group's retention (0 = never expire).
	RetentionInDays int
	// AccessLogFormat is the format as the user wrote it: a preset name or a custom format; empty for the API
	// type's JSON preset. The stage component resolves it.
	AccessLogFormat string
	// FirehoseStreamARN sends REST access logs to a Firehose stream instead of a log group.
	FirehoseStreamARN string
	// AccountSetting is what the stack does with the region's API Gateway account setting.
	AccountSetting apigwlogs.AccountMode
	// CloudWatchRoleARN is an existing role for the account setting (with manage); empty to create one.
	CloudWatchRoleARN string
	// ExecutionLogging is the execution-log level (REST and WebSocket).
	ExecutionLogging apigwlogs.ExecutionLogging
	// ExecutionLogRetentionInDays is the execution-log group's retention.
	ExecutionLogRetentionInDays int
	// DataTrace logs request and response bodies in the execution logs.
	DataTrace bool
	// DetailedMetrics turns on per-method (per-route) metrics.
	DetailedMetrics bool
	// AdoptExecutionLogGroup adopts an execution-log group API Gateway created before.
	AdoptExecutionLogGroup bool
	// KMSKey is "" (the AWS-owned key), "create" (a customer-managed key) or an existing key's ARN.
	KMSKey string
	// LogGroupClass is the access-log group's class.
	LogGroupClass apigwlogs.LogGroupClass
	// RetainLogGroupOnDestroy keeps the log groups (and a created key) when the stack is destroyed.
	RetainLogGroupOnDestroy bool
	// SavedQueries creates the saved Logs Insights queries.
	SavedQueries bool
	// Alarm5XXThreshold is the 5XX alarm's count per 5 minutes; 0 is off.
	Alarm5XXThreshold int
	// AlarmTopicARN is the SNS topic the alarm notifies.
	AlarmTopicARN string
	// XRayTracing turns on X-Ray tracing (REST).
	XRayTracing bool
	// Tags go on every resource that takes tags.
	Tags map[string]string
}

// API ids are ten lowercase letters and digits, for REST, HTTP and WebSocket APIs (API Gateway API
// references, RestApi id and Api apiId; e.g. "a1b2c3d4e5").
var apiIDRE = regexp.MustCompile(`^[a-z0-9]{10}$`)

// LoadConfig reads the stack's config and checks all of it, with the components' own checks. The error, if
// any, lists every bad key, each with the key, the bad value and what is allowed.
func LoadConfig(ctx *pulumi.Context) (*Config, error) {
	cfg := config.New(ctx, "")
	project := ctx.Project()
	var errs []error
	// bad wraps a check's error (which names the value and what is allowed) with the key.
	bad := func(key string, err error) {
		errs = append(errs, fmt.Errorf("config key %s:%s: %w", project, key, err))
	}
	// replaced reports a key that a stack file from an earlier version still sets.
	replaced := func(key, by, how string) {
		if v, err := cfg.Try(key); err == nil {
			errs = append(errs, fmt.Errorf("config key %s:%s (%q) was replaced by %s:%s: %s; then pulumi config rm %s",
				project, key, v, project, by, how, key))
		}
	}
	days := func(key, v string) (int, bool) {
		// strconv, not cfg.TryInt: the SDK's cast reads "030" as octal 24 and "0x1e" as 30.
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			err = fmt.Errorf("retention %q is not a whole number of days: use one of %s (0 = never expire)", v,
				apigwlogs.RetentionChoices())
		} else {
			err = apigwlogs.ValidateRetention(n)
		}
		if err != nil {
			bad(key, err)
			return 0, false
		}
		return n, true
	}
	flag := func(key string, def bool) bool {
		v := cfg.Get(key)
		if v == "" {
			return def
		}
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			bad(key, fmt.Errorf("%q is not a boolean: use true or false", v))
		}
		return b
	}
	c := &Config{
		APIType:                     DefaultAPIType,
		RetentionInDays:             DefaultRetentionInDays,
		AccessLogFormat:             DefaultAccessLogFormat,
		AccountSetting:              DefaultAccountSetting,
		ExecutionLogging:            DefaultExecutionLogging,
		ExecutionLogRetentionInDays: SameRetention,
		LogGroupClass:               DefaultLogGroupClass,
	}

	if v := cfg.Get(KeyAPIType); v != "" {
		if err := apigwlogs.ValidateAPIType(apigwlogs.APIType(v)); err != nil {
			bad(KeyAPIType, err)
		} else {
			c.APIType = apigwlogs.APIType(v)
		}
	}
	rest := c.APIType == apigwlogs.APIRest

	validateStage := apigwlogs.ValidateStageName
	if !rest {
		validateStage = apigwlogs.ValidateV2StageName
	}
	if v := cfg.Get(KeyStageName); v == "" {
		errs = append(errs, fmt.Errorf("config key %s:%s is required: the stage name, 1 to 128 characters from "+
			"A-Z a-z 0-9 _ - (pulumi config set %s <name>)", project, KeyStageName, KeyStageName))
	} else if err := validateStage(v); err != nil {
		bad(KeyStageName, err)
	} else {
		c.StageName = v
	}

	if v := cfg.Get(KeyRetentionInDays); v != "" {
		if n, ok := days(KeyRetentionInDays, v); ok {
			c.RetentionInDays = n
		}
	}
	if v := cfg.Get(KeyExecutionLogRetentionInDays); v != "" && strings.TrimSpace(v) != strconv.Itoa(SameRetention) {
		if n, ok := days(KeyExecutionLogRetentionInDays, v); ok {
			c.ExecutionLogRetentionInDays = n
		}
	}

	if v := cfg.Get(KeyAccessLogFormat); v != "" {
		c.AccessLogFormat = v
	}
	format := c.AccessLogFormat
	if format == "" {
		format = apigwlogs.DefaultFormatFor(c.APIType.Catalogue())
	}
	if _, err := apigwlogs.ResolveFormat(format, c.APIType.Catalogue()); err != nil {
		bad(KeyAccessLogFormat, err)
	}

	instead := "manage"
	if b, err := strconv.ParseBool(strings.TrimSpace(cfg.Get(KeyManageAccount))); err == nil && !b {
		instead = "leave"
	}
	replaced(KeyManageAccount, KeyAccountSetting, "set accountSetting to "+instead+" (manageAccount true is "+
		"manage, false is leave), or remove both to use the default, auto")
	replaced(KeyRestAPIID, KeyAPIID, "set apiId to the same id; it serves REST, HTTP and WebSocket APIs (apiType)")

	if v := cfg.Get(KeyAccountSetting); v != "" {
		if err := apigwlogs.ValidateAccountMode(apigwlogs.AccountMode(v)); err != nil {
			bad(KeyAccountSetting, err)
		} else {
			c.AccountSetting = apigwlogs.AccountMode(v)
		}
	}

	if v := cfg.Get(KeyCloudWatchRoleARN); v != "" {
		if err := apigwlogs.ValidateRoleARN(v); err != nil {
			bad(KeyCloudWatchRoleARN, err)
		} else {
			c.CloudWatchRoleARN = v
		}
		if c.AccountSetting != apigwlogs.AccountManage {
			errs = append(errs, fmt.Errorf("config keys %s:%s and %s:%s contradict each other: with %s %s "+
				"this stack never writes the account setting, so it would never use the role %q; set %s to manage "+
				"to point the setting at that role, or remove %s", project, KeyAccountSetting, project,
				KeyCloudWatchRoleARN, KeyAccountSetting, c.AccountSetting, v, KeyAccountSetting, KeyCloudWatchRoleARN))
		}
	}

	if v := cfg.Get(KeyAPIID); v != "" {
		if !apiIDRE.MatchString(v) {
			bad(KeyAPIID, fmt.Errorf("%q is not an API id: use 10 lowercase letters and digits (aws apigateway "+
				"get-rest-apis, aws apigatewayv2 get-apis)", v))
		} else {
			c.APIID = v
		}
	}

	if v := cfg.Get(KeyExecutionLogging); v != "" {
		if err := apigwlogs.ValidateExecutionLogging(apigwlogs.ExecutionLogging(v)); err != nil {
			bad(KeyExecutionLogging, err)
		} else {
			c.ExecutionLogging = apigwlogs.ExecutionLogging(v)
		}
	}
	c.DataTrace = flag(KeyDataTrace, false)
	c.DetailedMetrics = flag(KeyDetailedMetrics, false)
	c.AdoptExecutionLogGroup = flag(KeyAdoptExecutionLogGroup, false)
	c.RetainLogGroupOnDestroy = flag(KeyRetainLogGroupOnDestroy, DefaultRetainLogGroupOnDestroy)
	c.SavedQueries = flag(KeySavedQueries, DefaultSavedQueries)
	c.XRayTracing = flag(KeyXRayTracing, false)
	if v := cfg.Get(KeyKMSKey); v != "" && v != KMSKeyCreate {
		if err := apigwlogs.ValidateKMSKeyARN(v); err != nil {
			bad(KeyKMSKey, fmt.Errorf("%w; or create, for a key this stack creates with the policy CloudWatch Logs needs", err))
		} else {
			c.KMSKey = v
		}
	} else {
		c.KMSKey = v
	}
	if v := cfg.Get(KeyLogGroupClass); v != "" {
		if err := apigwlogs.ValidateLogGroupClass(apigwlogs.LogGroupClass(v)); err != nil {
			bad(KeyLogGroupClass, err)
		} else {
			c.LogGroupClass = apigwlogs.LogGroupClass(v)
		}
	}
	if v := cfg.Get(KeyAlarm5XXThreshold); v != "" {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err != nil || n < 0 {
			bad(KeyAlarm5XXThreshold, fmt.Errorf("%q is not allowed: use 0 (no alarm) or a whole number of 5XX "+
				"responses per 5 minutes that fires the alarm", v))
		} else {
			c.Alarm5XXThreshold = n
		}
	}
	if v := cfg.Get(KeyAlarmTopicARN); v != "" {
		if err := apigwlogs.ValidateSNSTopicARN(v); err != nil {
			bad(KeyAlarmTopicARN, err)
		} else {
			c.AlarmTopicARN = v
		}
	}
	if v := cfg.Get(KeyFirehoseStreamARN); v != "" {
		if err := apigwlogs.ValidateFirehoseStreamARN(v); err != nil {
			bad(KeyFirehoseStreamARN, err)
		} else {
			c.FirehoseStreamARN = v
		}
	}

	// Combinations AWS refuses, or that would do nothing.
	// combination reports keys that cannot go together, each with the value in force.
	combination := func(why string, keyValues ...any) {
		var named []string
		for i := 0; i+1 < len(keyValues); i += 2 {
			named = append(named, fmt.Sprintf("%s:%s=%v", project, keyValues[i], keyValues[i+1]))
		}
		errs = append(errs, fmt.Errorf("config keys %s cannot be combined: %s", strings.Join(named, ", "), why))
	}
	logging := c.ExecutionLogging == apigwlogs.ExecutionLoggingError || c.ExecutionLogging == apigwlogs.ExecutionLoggingInfo
	switch {
	case c.APIType == apigwlogs.APIHTTP && logging:
		combination("HTTP APIs have no execution logs (AWS: Execution logs are not supported on protocolType "+
			"HTTP); use off, or a REST or WebSocket API", KeyAPIType, c.APIType, KeyExecutionLogging, c.ExecutionLogging)
	case c.APIType == apigwlogs.APIHTTP && c.DataTrace:
		combination("data trace is part of execution logging, which HTTP APIs do not have",
			KeyAPIType, c.APIType, KeyDataTrace, c.DataTrace)
	case c.DataTrace && !logging:
		combination("data trace writes bodies into the execution logs: set executionLogging to error or info, "+
			"or dataTrace to false", KeyDataTrace, c.DataTrace, KeyExecutionLogging, c.ExecutionLogging)
	}
	if c.FirehoseStreamARN != "" && !rest {
		combination("Firehose destinations are for REST APIs only; HTTP and WebSocket APIs log to CloudWatch Logs",
			KeyAPIType, c.APIType, KeyFirehoseStreamARN, c.FirehoseStreamARN)
	}
	if c.AdoptExecutionLogGroup && (!logging || c.APIID == "") {
		combination("adopting the execution-log group needs execution logging (error or info) and an existing "+
			"API (apiId): a new API has no group to adopt", KeyAdoptExecutionLogGroup, c.AdoptExecutionLogGroup,
			KeyExecutionLogging, c.ExecutionLogging, KeyAPIID, c.APIID)
	}
	if c.XRayTracing && !rest {
		combination("X-Ray tracing is for REST APIs only", KeyAPIType, c.APIType, KeyXRayTracing, c.XRayTracing)
	}
	if c.Alarm5XXThreshold > 0 && c.LogGroupClass == apigwlogs.LogGroupClassInfrequentAccess {
		combination("the 5XX alarm needs a metric filter, which INFREQUENT_ACCESS log groups do not support "+
			"(CloudWatch Logs user guide, \"Log classes\")", KeyLogGroupClass, c.LogGroupClass,
			KeyAlarm5XXThreshold, c.Alarm5XXThreshold)
	}
	if c.AlarmTopicARN != "" && c.Alarm5XXThreshold == 0 {
		combination("the topic is notified by the 5XX alarm, which is off: set alarm5xxThreshold above 0",
			KeyAlarmTopicARN, c.AlarmTopicARN, KeyAlarm5XXThreshold, c.Alarm5XXThreshold)
	}
	if c.FirehoseStreamARN != "" && (c.KMSKey != "" || c.Alarm5XXThreshold > 0 || c.LogGroupClass != DefaultLogGroupClass) {
		combination("with a Firehose destination there is no access-log group to encrypt, classify or alarm on",
			KeyFirehoseStreamARN, c.FirehoseStreamARN, KeyKMSKey, c.KMSKey, KeyLogGroupClass, c.LogGroupClass,
			KeyAlarm5XXThreshold, c.Alarm5XXThreshold)
	}
	if c.APIType == apigwlogs.APIHTTP && c.AccountSetting == apigwlogs.AccountManage {
		combination("HTTP APIs do not use the API Gateway account setting; leave accountSetting at auto (nothing "+
			"is read or written for HTTP APIs)", KeyAPIType, c.APIType, KeyAccountSetting, c.AccountSetting)
	}

	if v := cfg.Get(KeyTags); v != "" {
		var values map[string]any
		if err := cfg.TryObject(KeyTags, &values); err != nil {
			bad(KeyTags, fmt.Errorf(`%q is not an object of string values, e.g. {"team": "payments"}`, v))
		} else if tags, err := checkTags(values); err != nil {
			bad(KeyTags, fmt.Errorf("%q: %w", v, err))
		} else {
			c.Tags = tags
		}
	}

	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// checkTags checks the tags object against AWS's tag rules (Tagging AWS resources, "Tag naming limits and
// requirements": at most 50 tags, keys 1 to 128 characters, values up to 256, keys not starting with aws:).
func checkTags(values map[string]any) (map[string]string, error) {
	if len(values) > 50 {
		return nil, fmt.Errorf("use at most 50 tags, not %d", len(values))
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	tags := make(map[string]string, len(values))
	for _, k := range keys {
		s, ok := values[k].(string)
		switch {
		case !ok:
			return nil, fmt.Errorf("tag %q: use a string value", k)
		case k == "" || utf8.RuneCountInString(k) > 128:
			return nil, fmt.Errorf("tag key %q: use 1 to 128 characters", k)
		case strings.HasPrefix(strings.ToLower(k), "aws:"):
			return nil, fmt.Errorf("tag key %q: keys starting with aws: are reserved by AWS", k)
		case utf8.RuneCountInString(s) > 256:
			return nil, fmt.Errorf("tag %q: use a value of at most 256 characters", k)
		}
		tags[k] = s
	}
	return tags, nil
}
