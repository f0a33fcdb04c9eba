package program

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
)

// The config keys, in the project's namespace (apigw-access-logs:<key>). Pulumi.yaml declares each with its
// type, description and default; TestPulumiYAMLMatchesDefaults keeps the two in step.
const (
	KeyStageName         = "stageName"
	KeyRetentionInDays   = "retentionInDays"
	KeyAccessLogFormat   = "accessLogFormat"
	KeyManageAccount     = "manageAccount"
	KeyCloudWatchRoleARN = "cloudWatchRoleArn"
	KeyRestAPIID         = "restApiId"
	KeyTags              = "tags"
)

// Defaults for the optional keys.
const (
	DefaultRetentionInDays = apigwlogs.DefaultRetentionInDays
	DefaultAccessLogFormat = apigwlogs.DefaultFormat
	DefaultManageAccount   = true
)

// Config is the stack's config, checked and typed.
type Config struct {
	// StageName is the stage to create.
	StageName string
	// RetentionInDays is the access-log group's retention (0 = never expire).
	RetentionInDays int
	// AccessLogFormat is the format as the user wrote it: a preset name or a custom format.
	AccessLogFormat string
	// ResolvedFormat is the format sent to API Gateway.
	ResolvedFormat string
	// ManageAccount says whether this stack manages the region's account setting.
	ManageAccount bool
	// CloudWatchRoleARN is an existing role for the account setting; empty to create one.
	CloudWatchRoleARN string
	// RestAPIID is an existing REST API; empty to create the demo API.
	RestAPIID string
	// Tags go on every resource that takes tags.
	Tags map[string]string
}

// AccountMode is what the stack does with the account setting.
func (c *Config) AccountMode() apigwlogs.AccountMode {
	switch {
	case !c.ManageAccount:
		return apigwlogs.ManagedElsewhere
	case c.CloudWatchRoleARN != "":
		return apigwlogs.ExistingRole
	}
	return apigwlogs.CreateRole
}

// REST API ids are ten lowercase letters and digits (API Gateway API reference, RestApi id; e.g. "a1b2c3d4e5").
var restAPIIDRE = regexp.MustCompile(`^[a-z0-9]{10}$`)

// LoadConfig reads the stack's config and checks all of it. The error, if any, lists every bad key, each with
// the key, the bad value and what is allowed.
func LoadConfig(ctx *pulumi.Context) (*Config, error) {
	project := ctx.Project()
	return ParseConfig(project, func(key string) (string, bool) {
		return ctx.GetConfig(project + ":" + key)
	})
}

// ParseConfig checks raw config values, as Pulumi hands them to the program (strings; objects as JSON). get
// returns a key's value and whether it is set. project names the namespace used in errors.
func ParseConfig(project string, get func(key string) (string, bool)) (*Config, error) {
	var errs []error
	bad := func(key, value, allowed string) {
		errs = append(errs, fmt.Errorf("config key %s:%s: %q is not allowed: %s", project, key, value, allowed))
	}
	c := &Config{
		RetentionInDays: DefaultRetentionInDays,
		AccessLogFormat: DefaultAccessLogFormat,
		ManageAccount:   DefaultManageAccount,
	}

	if v, ok := get(KeyStageName); !ok || v == "" {
		errs = append(errs, fmt.Errorf("config key %s:%s is required: the stage name, 1 to 128 characters from "+
			"A-Z a-z 0-9 _ - (pulumi config set %s <name>)", project, KeyStageName, KeyStageName))
	} else if apigwlogs.ValidateStageName(v) != nil {
		bad(KeyStageName, v, "use 1 to 128 characters from A-Z a-z 0-9 _ -")
	} else {
		c.StageName = v
	}

	if v, ok := get(KeyRetentionInDays); ok && v != "" {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err != nil || apigwlogs.ValidateRetention(n) != nil {
			bad(KeyRetentionInDays, v, "use a whole number of days from CloudWatch Logs' list: "+
				apigwlogs.RetentionChoices()+" (0 = never expire)")
		} else {
			c.RetentionInDays = n
		}
	}

	if v, ok := get(KeyAccessLogFormat); ok && v != "" {
		c.AccessLogFormat = v
	}
	if f, err := accesslog.Resolve(c.AccessLogFormat, accesslog.REST); err != nil {
		errs = append(errs, fmt.Errorf("config key %s:%s: %w", project, KeyAccessLogFormat, err))
	} else {
		c.ResolvedFormat = f
	}

	if v, ok := get(KeyManageAccount); ok && v != "" {
		if b, err := strconv.ParseBool(strings.TrimSpace(v)); err != nil {
			bad(KeyManageAccount, v, "use true (this stack manages the region's API Gateway account setting) "+
				"or false (another stack does)")
		} else {
			c.ManageAccount = b
		}
	}

	if v, ok := get(KeyCloudWatchRoleARN); ok && v != "" {
		if err := apigwlogs.ValidateRoleARN(v); err != nil {
			bad(KeyCloudWatchRoleARN, v, "use an IAM role ARN, arn:<partition>:iam::<12-digit account>:role/<name>")
		} else {
			c.CloudWatchRoleARN = v
		}
		if !c.ManageAccount {
			errs = append(errs, fmt.Errorf("config keys %s:%s and %s:%s contradict each other: with manageAccount "+
				"false this stack leaves the account setting to another stack, so it would never use the role %q; "+
				"set manageAccount true to point the setting at that role, or remove cloudWatchRoleArn",
				project, KeyManageAccount, project, KeyCloudWatchRoleARN, v))
		}
	}

	if v, ok := get(KeyRestAPIID); ok && v != "" {
		if !restAPIIDRE.MatchString(v) {
			bad(KeyRestAPIID, v, "use a REST API id, 10 lowercase letters and digits (aws apigateway get-rest-apis)")
		} else {
			c.RestAPIID = v
		}
	}

	if v, ok := get(KeyTags); ok && v != "" {
		tags, err := parseTags(v)
		if err != nil {
			bad(KeyTags, v, err.Error())
		} else {
			c.Tags = tags
		}
	}

	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// parseTags reads the tags object and checks it against AWS's tag rules (Tagging AWS resources, "Tag naming
// limits and requirements": at most 50 tags, keys 1 to 128 characters, values up to 256, keys not starting
// with aws:).
func parseTags(raw string) (map[string]string, error) {
	var values map[string]any
	if err := json.Unmarshal([]byte(raw), &values); err != nil {
		return nil, errors.New(`use an object of string values, e.g. {"team": "payments"}`)
	}
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
