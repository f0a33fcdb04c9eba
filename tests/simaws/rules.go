package simaws

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// The rules AWS enforces that the simulator checks. Each cites its source; [V] verified in a primary source,
// [S] secondary (issue, blog), [U] unverified, as in components/AWS.md.

// RetentionValues are the values CloudWatch Logs accepts for a log group's retention; 0 (no retention policy)
// means never expire. [V] CloudWatch Logs API reference, PutRetentionPolicy, retentionInDays; components/AWS.md,
// "CloudWatch Logs".
var RetentionValues = []int{0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
	2922, 3288, 3653}

func checkRetention(days float64) error {
	if days != float64(int(days)) || !slices.Contains(RetentionValues, int(days)) {
		return awsError("InvalidParameterException", "retentionInDays %v is not one of %v", days, RetentionValues)
	}
	return nil
}

// [V] CloudWatch Logs API reference, CreateLogGroup, logGroupName: length 1-512, pattern [\.\-_/#A-Za-z0-9]+;
// names starting with aws/ are reserved for AWS services (components/AWS.md, "CloudWatch Logs").
var logGroupNameRE = regexp.MustCompile(`^[\.\-_/#A-Za-z0-9]{1,512}$`)

func checkLogGroupName(name string) error {
	if !logGroupNameRE.MatchString(name) {
		return awsError("InvalidParameterException", "log group name %q must be 1 to 512 characters from "+
			"[.-_/#A-Za-z0-9]", name)
	}
	if strings.HasPrefix(name, "aws/") {
		return awsError("InvalidParameterException", "log group name %q: names starting with aws/ are reserved", name)
	}
	return nil
}

// [V] CloudWatch Logs API reference, CreateLogGroup, logGroupClass: STANDARD | INFREQUENT_ACCESS (fixed at
// creation; components/AWS.md, "CloudWatch Logs"). DELIVERY exists too but is only for vended-log delivery,
// not for API Gateway.
var logGroupClasses = []string{"STANDARD", "INFREQUENT_ACCESS"}

// [V] IAM API reference, CreateRole, RoleName: length 1-64, pattern [\w+=,.@-]+.
var roleNameRE = regexp.MustCompile(`^[\w+=,.@-]{1,64}$`)

// [V] IAM API reference, CreateRole, Path: length 1-512, pattern (\u002F)|(\u002F[\u0021-\u007E]+\u002F).
var rolePathRE = regexp.MustCompile(`^(/|/[\x21-\x7E]{1,510}/)$`)

// RoleNameMaxLen is IAM's limit on role names (IAM API reference, CreateRole).
const RoleNameMaxLen = 64

// [V] API Gateway API reference, CreateStage, stageName; components/AWS.md, "Stages and execution logs".
var stageNameRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)

// [V] API Gateway developer guide, "Set up CloudWatch logging for REST APIs": the managed policy API Gateway
// needs on the account's CloudWatch role, in the role's partition.
func pushToCloudWatchPolicyARN(partition string) string {
	return "arn:" + partition + ":iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
}

// managedPolicies are the AWS managed policies this account knows; attaching any other ARN fails like IAM's
// AttachRolePolicy (NoSuchEntity). [V] IAM API reference, AttachRolePolicy, errors.
func managedPolicies(partition string) []string {
	return []string{
		pushToCloudWatchPolicyARN(partition),
		"arn:" + partition + ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
		"arn:" + partition + ":iam::aws:policy/ReadOnlyAccess",
	}
}

// trustsService reports whether an IAM trust policy lets service (e.g. apigateway.amazonaws.com) assume the
// role: a statement with Effect Allow, Action sts:AssumeRole (or a wildcard covering it) and Principal.Service
// naming the service. [V] IAM user guide, "Policy elements: Principal" and "Action"; API Gateway developer guide,
// "Set up CloudWatch logging": the role must trust apigateway.amazonaws.com.
func trustsService(policyJSON, service string) (bool, error) {
	var doc struct {
		Statement json.RawMessage
	}
	if err := json.Unmarshal([]byte(policyJSON), &doc); err != nil {
		return false, awsError("MalformedPolicyDocument", "%v", err)
	}
	type statement struct {
		Effect    string
		Action    any
		Principal any
	}
	var statements []statement
	if err := json.Unmarshal(doc.Statement, &statements); err != nil {
		var one statement
		if err := json.Unmarshal(doc.Statement, &one); err != nil {
			return false, awsError("MalformedPolicyDocument", "Statement: %v", err)
		}
		statements = []statement{one}
	}
	for _, s := range statements {
		if s.Effect != "Allow" {
			continue
		}
		if !anyMatch(s.Action, func(a string) bool { return a == "sts:AssumeRole" || a == "sts:*" || a == "*" }) {
			continue
		}
		p, ok := s.Principal.(map[string]any)
		if !ok {
			continue
		}
		if anyMatch(p["Service"], func(v string) bool { return v == service }) {
			return true, nil
		}
	}
	return false, nil
}

// anyMatch applies f to a policy element that is a string or an array of strings.
func anyMatch(v any, f func(string) bool) bool {
	switch v := v.(type) {
	case string:
		return f(v)
	case []any:
		for _, e := range v {
			if s, ok := e.(string); ok && f(s) {
				return true
			}
		}
	}
	return false
}

// [V] API Gateway developer guide, "Set up CloudWatch logging": the access-log format must contain
// $context.requestId or $context.extendedRequestId (CDK checks /\$context\.(?:requestId|extendedRequestId)\b/).
var requestIDRE = regexp.MustCompile(`\$context\.(?:requestId|extendedRequestId)\b`)

// checkAccessLogFormat applies API Gateway's checks on an access-log format.
func checkAccessLogFormat(format string) error {
	if format == "" {
		return awsError("BadRequestException", "Access log format must not be empty")
	}
	// [S] API Gateway error seen in the field (components/AWS.md, "Access-log formats"): one line; a newline
	// only at the very end.
	if strings.Contains(strings.TrimSuffix(format, "\n"), "\n") {
		return awsError("BadRequestException", "Access Log format must be single line, new line character is "+
			"allowed only at end of the format")
	}
	if !requestIDRE.MatchString(format) {
		return awsError("BadRequestException", "Access log format must contain $context.requestId or "+
			"$context.extendedRequestId")
	}
	return nil
}

// arnParts splits arn:partition:service:region:account:resource.
type arnParts struct {
	Partition, Service, Region, Account, Resource string
}

func parseARN(s string) (arnParts, bool) {
	p := strings.SplitN(s, ":", 6)
	if len(p) != 6 || p[0] != "arn" || p[1] == "" || p[2] == "" {
		return arnParts{}, false
	}
	return arnParts{Partition: p[1], Service: p[2], Region: p[3], Account: p[4], Resource: p[5]}, true
}

// [V] API Gateway API reference, Method.httpMethod and Authorization types.
var (
	httpMethods        = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"}
	authorizationTypes = []string{"NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS"}
	integrationTypes   = []string{"HTTP", "AWS", "MOCK", "HTTP_PROXY", "AWS_PROXY"}
	// [V] API Gateway API reference, PutMethodResponse statusCode: a 3-digit HTTP status code.
	statusCodeRE = regexp.MustCompile(`^[1-5]\d\d$`)
	// [V] API Gateway API reference, CreateResource pathPart: a path segment or a {proxy+}-style parameter.
	pathPartRE = regexp.MustCompile(`^(\{[A-Za-z0-9._-]+\+?\}|[A-Za-z0-9._:~@!$&'()*+,;=-]+)$`)
)

// awsError is an error as AWS words it: the error code, then AWS's own message, punctuation included, so the
// program's users see in tests what they would see from AWS.
func awsError(code, format string, args ...any) error {
	return fmt.Errorf("%s: %s", code, fmt.Sprintf(format, args...))
}
