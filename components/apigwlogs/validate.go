package apigwlogs

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// DefaultRetentionInDays is the retention a log group gets when none is given: a week of logs is enough to
// investigate an incident and cheap enough to forget about.
const DefaultRetentionInDays = 7

// RetentionValues are the retention periods CloudWatch Logs accepts, in days; 0 means never expire.
// Source: CloudWatch Logs API reference, PutRetentionPolicy, retentionInDays (shared/AWS-NOTES.md).
var RetentionValues = []int{0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192,
	2557, 2922, 3288, 3653}

var (
	// Stage names: API Gateway API reference, CreateStage stageName (shared/AWS-NOTES.md).
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
	// stageName; shared/AWS-NOTES.md).
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

// checkString validates a string input now when its value is known, and otherwise when it resolves.
func checkString(in pulumi.StringInput, check func(string) error) (pulumi.StringInput, error) {
	if in == nil {
		return nil, nil
	}
	return mapString(in, func(v string) (string, error) { return v, check(v) })
}

// checkInt validates an integer input like checkString: now when it is a plain pulumi.Int, otherwise when it
// resolves.
func checkInt(in pulumi.IntInput, check func(int) error) (pulumi.IntInput, error) {
	if v, ok := in.(pulumi.Int); ok {
		return v, check(int(v))
	}
	return in.ToIntOutput().ApplyT(func(v int) (int, error) { return v, check(v) }).(pulumi.IntOutput), nil
}

// mapString applies f to a string input: now when the value is known (a plain pulumi.String), so a bad value
// fails before anything is registered; otherwise when the value resolves, so a bad value computed by another
// resource still fails the deployment before the resource using it is sent to AWS.
func mapString(in pulumi.StringInput, f func(string) (string, error)) (pulumi.StringInput, error) {
	if v, ok := in.(pulumi.String); ok {
		out, err := f(string(v))
		if err != nil {
			return nil, err
		}
		return pulumi.String(out), nil
	}
	return in.ToStringOutput().ApplyT(f).(pulumi.StringOutput), nil
}

// RetentionChoices lists RetentionValues for error messages: "0, 1, 3, …, 3653".
func RetentionChoices() string {
	s := make([]string, len(RetentionValues))
	for i, v := range RetentionValues {
		s[i] = strconv.Itoa(v)
	}
	return strings.Join(s, ", ")
}
