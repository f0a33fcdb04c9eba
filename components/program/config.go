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
	KeyStageName         = "stageName"
	KeyRetentionInDays   = "retentionInDays"
	KeyAccessLogFormat   = "accessLogFormat"
	KeyAccountSetting    = "accountSetting"
	KeyCloudWatchRoleARN = "cloudWatchRoleArn"
	KeyRestAPIID         = "restApiId"
	KeyTags              = "tags"
)

// Keys that were replaced: a stack file that still sets one gets an error naming its replacement.
const (
	// KeyManageAccount was replaced by KeyAccountSetting (true → manage, false → leave).
	KeyManageAccount = "manageAccount"
)

// Defaults for the optional keys.
const (
	DefaultRetentionInDays = apigwlogs.DefaultRetentionInDays
	DefaultAccessLogFormat = apigwlogs.DefaultFormat
	DefaultAccountSetting  = apigwlogs.AccountAuto
)

// Config is the stack's config, checked and typed.
type Config struct {
	// StageName is the stage to create.
	StageName string
	// RetentionInDays is the access-log group's retention (0 = never expire).
	RetentionInDays int
	// AccessLogFormat is the format as the user wrote it: a preset name or a custom format. The stage
	// component resolves it.
	AccessLogFormat string
	// AccountSetting is what the stack does with the region's API Gateway account setting.
	AccountSetting apigwlogs.AccountMode
	// CloudWatchRoleARN is an existing role for the account setting (with manage); empty to create one.
	CloudWatchRoleARN string
	// RestAPIID is an existing REST API; empty to create the demo API.
	RestAPIID string
	// Tags go on every resource that takes tags.
	Tags map[string]string
}

// REST API ids are ten lowercase letters and digits (API Gateway API reference, RestApi id; e.g. "a1b2c3d4e5").
var restAPIIDRE = regexp.MustCompile(`^[a-z0-9]{10}$`)

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
	c := &Config{
		RetentionInDays: DefaultRetentionInDays,
		AccessLogFormat: DefaultAccessLogFormat,
		AccountSetting:  DefaultAccountSetting,
	}

	if v := cfg.Get(KeyStageName); v == "" {
		errs = append(errs, fmt.Errorf("config key %s:%s is required: the stage name, 1 to 128 characters from "+
			"A-Z a-z 0-9 _ - (pulumi config set %s <name>)", project, KeyStageName, KeyStageName))
	} else if err := apigwlogs.ValidateStageName(v); err != nil {
		bad(KeyStageName, err)
	} else {
		c.StageName = v
	}

	if v := cfg.Get(KeyRetentionInDays); v != "" {
		// strconv, not cfg.TryInt: the SDK's cast reads "030" as octal 24 and "0x1e" as 30.
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			err = fmt.Errorf("retention %q is not a whole number of days: use one of %s (0 = never expire)", v,
				apigwlogs.RetentionChoices())
		} else {
			err = apigwlogs.ValidateRetention(n)
		}
		if err != nil {
			bad(KeyRetentionInDays, err)
		} else {
			c.RetentionInDays = n
		}
	}

	if v := cfg.Get(KeyAccessLogFormat); v != "" {
		c.AccessLogFormat = v
	}
	if _, err := apigwlogs.ResolveFormat(c.AccessLogFormat); err != nil {
		bad(KeyAccessLogFormat, err)
	}

	if v, err := cfg.Try(KeyManageAccount); err == nil {
		instead := "manage"
		if b, err := strconv.ParseBool(strings.TrimSpace(v)); err == nil && !b {
			instead = "leave"
		}
		errs = append(errs, fmt.Errorf("config key %s:%s (%q) was replaced by %s:%s: set %s to %s "+
			"(manageAccount true is manage, false is leave), or remove both to use the default, auto; "+
			"then pulumi config rm %s", project, KeyManageAccount, v, project, KeyAccountSetting,
			KeyAccountSetting, instead, KeyManageAccount))
	}

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

	if v := cfg.Get(KeyRestAPIID); v != "" {
		if !restAPIIDRE.MatchString(v) {
			bad(KeyRestAPIID, fmt.Errorf("%q is not a REST API id: use 10 lowercase letters and digits "+
				"(aws apigateway get-rest-apis)", v))
		} else {
			c.RestAPIID = v
		}
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
