package apigwlogs

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// DefaultRetentionInDays is the retention a log group gets when none is given: a week of logs is enough to
// investigate an incident and cheap enough to forget about.
const DefaultRetentionInDays = 7

// RetentionValues are the retention periods CloudWatch Logs accepts, in days; 0 means never expire.
// Source: CloudWatch Logs API reference, PutRetentionPolicy, retentionInDays (components/AWS.md,
// "CloudWatch Logs").
var RetentionValues = []int{0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192,
	2557, 2922, 3288, 3653}

var (
	// API ids: API Gateway API references, RestApi id and Api apiId (10 lowercase letters and digits).
	apiIDRE = regexp.MustCompile(`^[a-z0-9]{10}$`)
	// Stage names: API Gateway API reference, CreateStage stageName (components/AWS.md, "Stages and
	// execution logs").
	stageNameRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)
	// Log group names: CloudWatch Logs API reference, CreateLogGroup logGroupName.
	logGroupNameRE = regexp.MustCompile(`^[.\-_/#A-Za-z0-9]{1,512}$`)
	// The group API Gateway creates itself for execution logs: API Gateway developer guide, "Set up
	// CloudWatch logging for REST APIs"; naming the access-log group this way collides with it
	// (terraform-provider-aws #8413, #9783).
	executionLogGroupRE = regexp.MustCompile(`^API-Gateway-Execution-Logs_`)
	// IAM role ARNs: IAM user guide, "IAM identifiers" (partition aws, aws-cn, aws-us-gov, aws-iso…; role
	// path and name from [\w+=,.@/-]).
	roleARNRE = regexp.MustCompile(`^arn:aws(-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$`)
	// HTTP and WebSocket stage names: $default or the REST rule (API Gateway v2 API reference, CreateStage
	// stageName; components/AWS.md, "Stages and execution logs").
	v2StageNameRE = regexp.MustCompile(`^(\$default|[A-Za-z0-9_-]{1,128})$`)
	// Firehose destinations: a delivery stream whose name starts with amazon-apigateway-, 1 to 64 characters
	// from [a-zA-Z0-9_.-] (API Gateway developer guide, "Logging API calls to Kinesis Data Firehose").
	firehoseARNRE = regexp.MustCompile(`^arn:aws(-[a-z]+)*:firehose:[a-z0-9-]+:\d{12}:deliverystream/amazon-apigateway-[a-zA-Z0-9_.-]{1,46}$`)
	// SNS topic ARNs: Amazon SNS API reference, CreateTopic (names of 1 to 256 [A-Za-z0-9_-], .fifo allowed).
	snsTopicARNRE = regexp.MustCompile(`^arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$`)
	// KMS key ARNs: CloudWatch Logs takes the key's ARN, not an alias (CloudWatch Logs API reference,
	// CreateLogGroup kmsKeyId; "Encrypt log data in CloudWatch Logs using AWS KMS").
	kmsKeyARNRE = regexp.MustCompile(`^arn:aws(-[a-z]+)*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+$`)
)

// ValidateStageName checks a stage name against API Gateway's rule.
func ValidateStageName(name string) error {
	if !stageNameRE.MatchString(name) {
		return fmt.Errorf("stage name %q is not allowed: use 1 to 128 characters from A-Z a-z 0-9 _ -", name)
	}
	return nil
}

// ValidateV2StageName checks an HTTP or WebSocket stage name: $default, or 1 to 128 characters from A-Z a-z
// 0-9 _ -.
func ValidateV2StageName(name string) error {
	if !v2StageNameRE.MatchString(name) {
		return fmt.Errorf("stage name %q is not allowed: use $default or 1 to 128 characters from A-Z a-z 0-9 _ -", name)
	}
	return nil
}

// ValidateFirehoseStreamARN checks the ARN of a Firehose delivery stream for REST access logs.
func ValidateFirehoseStreamARN(arn string) error {
	if !firehoseARNRE.MatchString(arn) {
		return fmt.Errorf("delivery stream ARN %q is not allowed: want arn:<partition>:firehose:<region>:<12-digit "+
			"account>:deliverystream/amazon-apigateway-<name>, a name of 1 to 64 characters from a-z A-Z 0-9 _ . - "+
			"that starts with amazon-apigateway- (API Gateway's rule)", arn)
	}
	return nil
}

// ValidateSNSTopicARN checks the ARN of an SNS topic for alarm notifications.
func ValidateSNSTopicARN(arn string) error {
	if !snsTopicARNRE.MatchString(arn) {
		return fmt.Errorf("SNS topic ARN %q is not allowed: want arn:<partition>:sns:<region>:<12-digit account>:<topic name>", arn)
	}
	return nil
}

// ValidateRetention checks a retention period against the values CloudWatch Logs accepts.
func ValidateRetention(days int) error {
	if !slices.Contains(RetentionValues, days) {
		return fmt.Errorf("retention %d days is not allowed: use one of %s (0 = never expire)", days,
			RetentionChoices())
	}
	return nil
}

// ValidateLogGroupName checks an access-log group name: CloudWatch's rules, and never the name of the
// execution-log group API Gateway creates itself.
func ValidateLogGroupName(name string) error {
	switch {
	case !logGroupNameRE.MatchString(name):
		return fmt.Errorf("log group name %q is not allowed: use 1 to 512 characters from A-Z a-z 0-9 . - _ / #", name)
	case strings.HasPrefix(name, "aws/"):
		return fmt.Errorf("log group name %q is not allowed: names starting with aws/ are reserved by AWS", name)
	case executionLogGroupRE.MatchString(name):
		return fmt.Errorf("log group name %q is not allowed: API-Gateway-Execution-Logs_* is the execution-log "+
			"group API Gateway creates itself, and access logs must not collide with it", name)
	}
	return nil
}

// ValidateRoleARN checks the ARN of an IAM role.
func ValidateRoleARN(arn string) error {
	if !roleARNRE.MatchString(arn) {
		return fmt.Errorf("role ARN %q is not allowed: want arn:<partition>:iam::<12-digit account>:role/<name>", arn)
	}
	return nil
}

// ValidateKMSKeyARN checks the ARN of a KMS key.
func ValidateKMSKeyARN(arn string) error {
	if !kmsKeyARNRE.MatchString(arn) {
		return fmt.Errorf("KMS key ARN %q is not allowed: want arn:<partition>:kms:<region>:<12-digit account>:key/<key id> "+
			"(CloudWatch Logs does not take aliases)", arn)
	}
	return nil
}

// ArgError is an argument that is not allowed: one field whose value is bad, or several fields whose values
// cannot go together. Every args validation in this package returns ArgErrors (joined with errors.Join when
// there are several), so a caller that reads its values from elsewhere, such as a config file, can name its own
// keys instead of the fields: see [ArgErrors].
type ArgError struct {
	// Fields are the args fields, by their schema names (the `pulumi:"…"` tags, as every language spells them).
	Fields []string
	// Values are the fields' values, in the same order (nil when a field is not set).
	Values []any
	// Err says what is wrong, with the value and what is allowed.
	Err error
}

func (e *ArgError) Error() string {
	if len(e.Fields) == 1 {
		return e.Fields[0] + ": " + e.Err.Error()
	}
	named := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		named[i] = fmt.Sprintf("%s=%v", f, e.Values[i])
	}
	return strings.Join(named, ", ") + " cannot be combined: " + e.Err.Error()
}

func (e *ArgError) Unwrap() error { return e.Err }

// ArgErrors returns the ArgErrors in err (one, or several joined), in order.
func ArgErrors(err error) []*ArgError {
	var out []*ArgError
	var walk func(error)
	walk = func(err error) {
		var ae *ArgError
		switch e := err.(type) {
		case nil:
		case interface{ Unwrap() []error }:
			for _, inner := range e.Unwrap() {
				walk(inner)
			}
		default:
			if errors.As(err, &ae) {
				out = append(out, ae)
			}
		}
	}
	walk(err)
	return out
}

// errArgsRequired is the error of a constructor given no args where some are required.
var errArgsRequired = errors.New("args are required")

// fieldError is a bad value of one field.
func fieldError(field string, value any, err error) *ArgError {
	return &ArgError{Fields: []string{field}, Values: []any{value}, Err: err}
}

// combination is values of several fields that cannot go together; fieldValues alternate field and value.
func combination(why string, fieldValues ...any) *ArgError {
	e := &ArgError{Err: errors.New(why)}
	for i := 0; i+1 < len(fieldValues); i += 2 {
		e.Fields = append(e.Fields, fieldValues[i].(string))
		e.Values = append(e.Values, fieldValues[i+1])
	}
	return e
}

// renamed returns err with the fields renamed as names says (a composite reporting its parts' errors under its
// own field names).
func renamed(err error, names map[string]string) error {
	aes := ArgErrors(err)
	if len(aes) == 0 {
		return err
	}
	out := make([]error, len(aes))
	for i, ae := range aes {
		c := *ae
		c.Fields = slices.Clone(ae.Fields)
		for j, f := range c.Fields {
			if n, ok := names[f]; ok {
				c.Fields[j] = n
			}
		}
		out[i] = &c
	}
	return errors.Join(out...)
}

// checker validates one args struct. Each field's rule is written once and serves two moments: a value known
// when the program runs is checked at once (Validate, before anything is registered), and with wrap set, a
// value another resource computes is checked when it resolves, before the resource that uses it is sent to
// AWS (the returned input fails the update with the same error).
type checker struct {
	wrap bool
	errs []error
}

func (c *checker) add(err error) {
	if err != nil {
		c.errs = append(c.errs, err)
	}
}

// err joins the errors, each once: a composite checks its parts, which may share a field.
func (c *checker) err() error {
	var out []error
	seen := map[string]bool{}
	for _, e := range c.errs {
		for _, ae := range ArgErrors(e) {
			if !seen[ae.Error()] {
				seen[ae.Error()] = true
				out = append(out, ae)
			}
		}
		if len(ArgErrors(e)) == 0 {
			out = append(out, e)
		}
	}
	return errors.Join(out...)
}

// str checks a string field; nil (not set) passes.
func (c *checker) str(field string, in pulumi.StringInput, rule func(string) error) pulumi.StringInput {
	if in == nil {
		return nil
	}
	if v, ok := in.(pulumi.String); ok {
		if err := rule(string(v)); err != nil {
			c.add(fieldError(field, string(v), err))
		}
		return in
	}
	if !c.wrap {
		return in
	}
	return in.ToStringOutput().ApplyT(func(v string) (string, error) {
		if err := rule(v); err != nil {
			return "", fieldError(field, v, err)
		}
		return v, nil
	}).(pulumi.StringOutput)
}

// int checks an integer field like str.
func (c *checker) int(field string, in pulumi.IntInput, rule func(int) error) pulumi.IntInput {
	if in == nil {
		return nil
	}
	if v, ok := in.(pulumi.Int); ok {
		if err := rule(int(v)); err != nil {
			c.add(fieldError(field, int(v), err))
		}
		return in
	}
	if !c.wrap {
		return in
	}
	return in.ToIntOutput().ApplyT(func(v int) (int, error) {
		if err := rule(v); err != nil {
			return 0, fieldError(field, v, err)
		}
		return v, nil
	}).(pulumi.IntOutput)
}

// tags checks the tags field when all of it is known (a pulumi.StringMap of plain strings).
func (c *checker) tags(in pulumi.StringMapInput) {
	m, ok := in.(pulumi.StringMap)
	if !ok {
		return
	}
	tags := make(map[string]string, len(m))
	for k, v := range m {
		s, ok := v.(pulumi.String)
		if !ok {
			return
		}
		tags[k] = string(s)
	}
	if err := ValidateTags(tags); err != nil {
		c.add(fieldError("tags", tags, err))
	}
}

// required reports a field that must be set.
func (c *checker) required(field string, set bool, what string) {
	if !set {
		c.add(fieldError(field, nil, fmt.Errorf("%s is required: %s", field, what)))
	}
}

// known returns a string input's value when it is known when the program runs (a plain pulumi.String).
func known(in pulumi.StringInput) (string, bool) {
	v, ok := in.(pulumi.String)
	return string(v), ok
}

// Computed is how an [ArgError] shows the value of a field that another resource computes.
const Computed = "(computed)"

// value is a string input's value for an error message: the value when known, [Computed] when another
// resource computes it, "" when it is not set.
func value(in pulumi.StringInput) string {
	if in == nil {
		return ""
	}
	if v, ok := known(in); ok {
		return v
	}
	return Computed
}

// ValidateTags checks tags against AWS's tag rules (Tagging AWS resources, "Tag naming limits and
// requirements": at most 50 tags, keys of 1 to 128 characters, values of up to 256, keys not starting with
// aws:).
func ValidateTags(tags map[string]string) error {
	if len(tags) > 50 {
		return fmt.Errorf("%d tags are not allowed: use at most 50", len(tags))
	}
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		switch {
		case k == "" || utf8.RuneCountInString(k) > 128:
			return fmt.Errorf("tag key %q is not allowed: use 1 to 128 characters", k)
		case strings.HasPrefix(strings.ToLower(k), "aws:"):
			return fmt.Errorf("tag key %q is not allowed: keys starting with aws: are reserved by AWS", k)
		case utf8.RuneCountInString(tags[k]) > 256:
			return fmt.Errorf("tag %q is not allowed: use a value of at most 256 characters", k)
		}
	}
	return nil
}

// ValidateAPIID checks the id of a REST, HTTP or WebSocket API: ten lowercase letters and digits (API Gateway
// API references: RestApi id, Api apiId; e.g. a1b2c3d4e5).
func ValidateAPIID(id string) error {
	if !apiIDRE.MatchString(id) {
		return fmt.Errorf("API id %q is not allowed: use the 10 lowercase letters and digits API Gateway gave the API "+
			"(e.g. a1b2c3d4e5)", id)
	}
	return nil
}

// ValidateAPIType checks an API type: rest (the default, also the zero value), http or websocket.
func ValidateAPIType(t accesslog.APIType) error {
	switch t.OrREST() {
	case accesslog.REST, accesslog.HTTP, accesslog.WebSocket:
		return nil
	}
	return fmt.Errorf("API type %q is not allowed: use rest (the default), http or websocket", string(t))
}

// RetentionChoices lists RetentionValues for error messages: "0, 1, 3, …, 3653".
func RetentionChoices() string {
	s := make([]string, len(RetentionValues))
	for i, v := range RetentionValues {
		s[i] = strconv.Itoa(v)
	}
	return strings.Join(s, ", ")
}
