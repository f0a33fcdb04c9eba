package program

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/apigwlogs"
)

// Config is the stack's config, parsed into the args of the [apigwlogs.AccessLogging] component and checked by
// the component's own validation.
type Config struct {
	// Args hold every key in the field of the same name (the config keys are the fields' schema names).
	// APIID and DeploymentID are left to [Deploy], which deploys the existing API or creates the demo API.
	Args apigwlogs.AccessLoggingArgs
	// APIID is the apiId key: an existing API of the type; empty to create the demo API.
	APIID string
}

// SameRetention is executionLogRetentionInDays' default in Pulumi.yaml: the execution logs keep
// retentionInDays (the component's default when the field is not set).
const SameRetention = -1

// A key is one config key: its name (the same as the AccessLoggingArgs field it sets, by its schema name) and
// its parser, which turns the text into the field's value. Parsers only parse; every rule about a value or a
// combination is the component's (AccessLoggingArgs.Validate), whose errors the loader reports under the key.
type key struct {
	name  string
	parse func(c *Config, v string) error
}

// keys is the config, key by key. Pulumi.yaml declares each with its type, description and default.
var keys = []key{
	{"stageName", text(func(c *Config, v string) { c.Args.StageName = pulumi.String(v) })},
	{"apiType", text(func(c *Config, v string) { c.Args.APIType = accesslog.APIType(v) })},
	{"apiId", text(func(c *Config, v string) { c.APIID = v })},
	{"retentionInDays", integer(func(c *Config, n int) { c.Args.RetentionInDays = pulumi.Int(n) })},
	{"accessLogFormat", text(func(c *Config, v string) { c.Args.AccessLogFormat = pulumi.String(v) })},
	{"firehoseStreamArn", text(func(c *Config, v string) { c.Args.FirehoseStreamARN = pulumi.String(v) })},
	{"accountSetting", text(func(c *Config, v string) { c.Args.AccountSetting = apigwlogs.AccountMode(v) })},
	{"cloudWatchRoleArn", text(func(c *Config, v string) { c.Args.CloudWatchRoleARN = pulumi.String(v) })},
	{"executionLogging", text(func(c *Config, v string) { c.Args.ExecutionLogging = apigwlogs.ExecutionLogging(v) })},
	{"executionLogRetentionInDays", integer(func(c *Config, n int) {
		if n != SameRetention {
			c.Args.ExecutionLogRetentionInDays = pulumi.Int(n)
		}
	})},
	{"dataTrace", boolean(func(c *Config, b bool) { c.Args.DataTrace = b })},
	{"detailedMetrics", boolean(func(c *Config, b bool) { c.Args.DetailedMetrics = b })},
	{"adoptExecutionLogGroup", boolean(func(c *Config, b bool) { c.Args.AdoptExecutionLogGroup = b })},
	{"executionLogDestination", text(func(c *Config, v string) { c.Args.ExecutionLogDestination = pulumi.String(v) })},
	{"kmsKey", text(func(c *Config, v string) { c.Args.KMSKey = pulumi.String(v) })},
	{"logGroupClass", text(func(c *Config, v string) { c.Args.LogGroupClass = apigwlogs.LogGroupClass(v) })},
	{"deleteOnDestroy", boolean(func(c *Config, b bool) { c.Args.DeleteOnDestroy = b })},
	{"disableSavedQueries", boolean(func(c *Config, b bool) { c.Args.DisableSavedQueries = b })},
	{"alarm5xxThreshold", integer(func(c *Config, n int) { c.Args.Alarm5XXThreshold = n })},
	{"alarmTopicArn", text(func(c *Config, v string) { c.Args.AlarmTopicARN = pulumi.String(v) })},
	{"xrayTracing", boolean(func(c *Config, b bool) { c.Args.XRayTracing = b })},
	{"dashboard", boolean(func(c *Config, b bool) { c.Args.Dashboard = b })},
	{"tags", nil}, // an object: parsed by parseTags, which needs the config's structured reader
}

// Keys are the config keys the program reads, in the order of Pulumi.yaml.
func Keys() []string {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.name
	}
	return names
}

// replacedKeys are keys of earlier versions: a stack file that still sets one gets an error naming its
// replacement and the value to give it.
var replacedKeys = []struct {
	old, by string
	value   func(old string) string // the replacement's value for the old one
}{
	{"manageAccount", "accountSetting", func(old string) string {
		if b, err := strconv.ParseBool(strings.TrimSpace(old)); err == nil && !b {
			return "leave"
		}
		return "manage"
	}},
	{"restApiId", "apiId", func(old string) string { return old }},
	{"retainLogGroupOnDestroy", "deleteOnDestroy", opposite},
	{"savedQueries", "disableSavedQueries", opposite},
}

// opposite is the value of a key whose replacement has the opposite polarity.
func opposite(old string) string {
	b, err := strconv.ParseBool(strings.TrimSpace(old))
	if err != nil {
		return "true or false, the opposite of the old value"
	}
	return strconv.FormatBool(!b)
}

// text, integer and boolean make a key's parser from the setter of its field. Numbers and booleans are parsed
// with strconv, not the SDK's casts, which read "030" as octal 24 and "0x1e" as 30.
func text(set func(*Config, string)) func(*Config, string) error {
	return func(c *Config, v string) error { set(c, v); return nil }
}

func integer(set func(*Config, int)) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("%q is not a whole number", v)
		}
		set(c, n)
		return nil
	}
}

func boolean(set func(*Config, bool)) func(*Config, string) error {
	return func(c *Config, v string) error {
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("%q is not a boolean: use true or false", v)
		}
		set(c, b)
		return nil
	}
}

// LoadConfig reads the stack's config into the component's args and checks them with the component's own
// validation. The error, if any, lists every bad key, each with the key, the bad value and what is allowed.
func LoadConfig(ctx *pulumi.Context) (*Config, error) {
	cfg := config.New(ctx, "")
	project := ctx.Project()
	var errs []error
	c := &Config{}
	for _, k := range keys {
		v := cfg.Get(k.name)
		if v == "" {
			continue
		}
		var err error
		if k.parse == nil {
			err = parseTags(cfg, c, v)
		} else {
			err = k.parse(c, v)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("config key %s:%s: %w", project, k.name, err))
		}
	}
	for _, r := range replacedKeys {
		if v, err := cfg.Try(r.old); err == nil {
			errs = append(errs, fmt.Errorf("config key %s:%s (%q) was replaced by %s:%s: set %s to %s (pulumi "+
				"config set %s %s), then pulumi config rm %s", project, r.old, v, project, r.by, r.by, r.value(v),
				r.by, r.value(v), r.old))
		}
	}
	if err := c.validate(); err != nil {
		errs = append(errs, configErrors(project, err)...)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// validate runs the component's validation on the args as Deploy will complete them: the existing API's id, or
// the demo API's, which another resource computes.
func (c *Config) validate() error {
	args := c.Args
	if c.APIID != "" {
		args.APIID = pulumi.String(c.APIID)
	} else {
		args.APIID, args.APIName = demoAPIID, demoAPIID // the demo API gives its name too
	}
	args.DeploymentID = demoAPIID // the deployment Deploy creates: computed either way
	return args.Validate()
}

// demoAPIID stands for a value another resource of the same update computes, such as the demo API's id: the
// component's validation checks only values known when the program runs, and any input other than a plain
// pulumi.String is computed. It is never registered.
var demoAPIID pulumi.StringInput = pulumi.StringOutput{}

// configErrors turns the component's errors, which name its fields, into errors that name the config keys.
func configErrors(project string, err error) []error {
	argErrs := apigwlogs.ArgErrors(err)
	if len(argErrs) == 0 {
		return []error{err}
	}
	out := make([]error, 0, len(argErrs))
	for _, e := range argErrs {
		if len(e.Fields) == 1 {
			out = append(out, fmt.Errorf("config key %s:%s: %w", project, e.Fields[0], e.Err))
			continue
		}
		named := make([]string, len(e.Fields))
		for i, f := range e.Fields {
			v := e.Values[i]
			if f == "apiId" && v == apigwlogs.Computed {
				v = "" // not set: the demo API, which the program creates
			}
			named[i] = fmt.Sprintf("%s:%s=%v", project, f, v)
		}
		out = append(out, fmt.Errorf("config keys %s cannot be combined: %w", strings.Join(named, ", "), e.Err))
	}
	return out
}

// parseTags reads the tags object: a JSON object of string values.
func parseTags(cfg *config.Config, c *Config, v string) error {
	var values map[string]any
	if err := cfg.TryObject("tags", &values); err != nil {
		return fmt.Errorf(`%q is not an object of string values, e.g. {"team": "payments"}`, v)
	}
	tags := make(map[string]string, len(values))
	for _, k := range slices.Sorted(maps.Keys(values)) {
		s, ok := values[k].(string)
		if !ok {
			return fmt.Errorf("%q: tag %q: use a string value", v, k)
		}
		tags[k] = s
	}
	if len(tags) > 0 { // Pulumi.yaml's default, {}, is no tags
		c.Args.Tags = pulumi.ToStringMap(tags)
	}
	return nil
}
