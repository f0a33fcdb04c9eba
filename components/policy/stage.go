package policy

import (
	"errors"
	"regexp"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// executionLogGroupARNRE matches the ARN of the group API Gateway creates itself for a REST stage's execution
// logs, API-Gateway-Execution-Logs_{restApiId}/{stage}, in any partition, region and account. It is the ARN
// form of the name rule components/apigwlogs enforces: access logs sent there collide with execution logs.
var executionLogGroupARNRE = regexp.MustCompile(`^arn:[^:]+:logs:[^:]*:[^:]*:log-group:API-Gateway-Execution-Logs_`)

// StageAccessLogging is the policy that every REST, HTTP and WebSocket stage sends access logs somewhere: an
// aws.apigateway.Stage or aws.apigatewayv2.Stage needs accessLogSettings with a destinationArn. It also flags
// the two ways pulumi-aws makes a stage that cannot have access logs: an aws.apigateway.Deployment with the
// deprecated stageName, and an aws.apigatewayv2.Api with target (quick create, which adds a $default stage).
func StageAccessLogging() policyx.ResourceValidationPolicy {
	return policyx.NewResourceValidationPolicy("stage-access-logging", policyx.ResourceValidationPolicyArgs{
		Description: "API Gateway REST, HTTP and WebSocket stages send access logs to a destination. REST: " +
			idsAccessLogREST.String() + "; HTTP and WebSocket: " + idsAccessLogV2.String() + ".",
		EnforcementLevel: policyx.EnforcementLevelMandatory,
		ValidateResource: judge(func(args policyx.ResourceValidationArgs, r policyx.AnalyzerResource) error {
			switch r.Type {
			case typeDeployment:
				if name, ok := knownString(get(r.Properties, "stageName")); ok && name != "" {
					report(args, "%s creates stage %q itself (stageName, deprecated), and a stage made that way has "+
						"no access logs: drop stageName and create an aws.apigateway.Stage with accessLogSettings %s",
						describe(r), name, idsAccessLogREST)
				}
				return nil
			case typeV2API:
				if set(get(r.Properties, "target")) {
					report(args, "%s uses quick create (target), which makes a $default stage without access logs: "+
						"drop target and create the integration, route and an aws.apigatewayv2.Stage with "+
						"accessLogSettings %s", describe(r), idsAccessLogV2)
				}
				return nil
			}
			ids := idsAccessLogREST
			if r.Type == typeV2Stage {
				ids = idsAccessLogV2
			}
			switch {
			case !set(get(r.Properties, "accessLogSettings")):
				report(args, "%s has no accessLogSettings, so it keeps no access logs: set accessLogSettings with "+
					"destinationArn (a log group ARN) and format %s", describe(r), ids)
			case !set(get(r.Properties, "accessLogSettings", "destinationArn")):
				report(args, "%s has accessLogSettings without destinationArn: set it to the ARN of the log group "+
					"that keeps the access logs %s", describe(r), ids)
			}
			return nil
		}, typeRESTStage, typeV2Stage, typeDeployment, typeV2API),
	})
}

// AccessLogRequestID is the policy that an access-log format records the request ID: $context.requestId or
// $context.extendedRequestId, the rule API Gateway states and AWS CDK checks with
// /\$context\.(?:requestId|extendedRequestId)\b/. It uses [accesslog.Validate]'s check, so the pack and the
// components accept the same formats; a format unknown at preview is not judged.
func AccessLogRequestID() policyx.ResourceValidationPolicy {
	return policyx.NewResourceValidationPolicy("access-log-request-id", policyx.ResourceValidationPolicyArgs{
		Description: "API Gateway access-log formats record the request ID ($context.requestId or " +
			"$context.extendedRequestId), so a log line can be matched to execution logs, traces and the " +
			"caller's error report. API Gateway developer guide; the same check as AWS CDK's; no scanner rule ID.",
		EnforcementLevel: policyx.EnforcementLevelMandatory,
		ValidateResource: judge(func(args policyx.ResourceValidationArgs, r policyx.AnalyzerResource) error {
			v := get(r.Properties, "accessLogSettings", "format")
			format, ok := knownString(v)
			if !ok {
				return nil // no settings (stage-access-logging's business) or unknown at preview
			}
			api := accesslog.REST
			if r.Type == typeV2Stage {
				api = accesslog.HTTP // requestId and extendedRequestId mean the same for HTTP and WebSocket
			}
			err := accesslog.Validate(format, api)
			if errors.Is(err, accesslog.ErrNoRequestID) || errors.Is(err, accesslog.ErrEmpty) {
				report(args, "%s writes access logs without a request ID: add $context.requestId (AWS recommends "+
					"$context.extendedRequestId too) to accessLogSettings.format %s", describe(r), shown(v))
			}
			return nil
		}, typeRESTStage, typeV2Stage),
	})
}

// AccessLogNotExecutionGroup is the policy that no stage sends access logs to API Gateway's own execution-log
// group, API-Gateway-Execution-Logs_{restApiId}/{stage}: the two kinds of log would mix, and creating a group
// of that name collides with the one API Gateway creates (terraform-provider-aws #8413, #9783).
func AccessLogNotExecutionGroup() policyx.ResourceValidationPolicy {
	return policyx.NewResourceValidationPolicy("access-log-not-execution-group", policyx.ResourceValidationPolicyArgs{
		Description: "API Gateway access logs do not go to the execution-log group API Gateway creates itself " +
			"(API-Gateway-Execution-Logs_{restApiId}/{stage}). API Gateway developer guide; no scanner rule ID.",
		EnforcementLevel: policyx.EnforcementLevelMandatory,
		ValidateResource: judge(func(args policyx.ResourceValidationArgs, r policyx.AnalyzerResource) error {
			v := get(r.Properties, "accessLogSettings", "destinationArn")
			if arn, ok := knownString(v); ok && executionLogGroupARNRE.MatchString(arn) {
				report(args, "%s sends access logs to %s, an execution-log group (API-Gateway-Execution-Logs_…): use "+
					"a log group of its own for access logs", describe(r), shown(v))
			}
			return nil
		}, typeRESTStage, typeV2Stage),
	})
}

// RESTStageXRay is the policy that REST stages have X-Ray tracing on (xrayTracingEnabled). HTTP and WebSocket
// APIs have no X-Ray tracing, so V2 stages are not checked.
func RESTStageXRay() policyx.ResourceValidationPolicy {
	return policyx.NewResourceValidationPolicy("rest-stage-xray", policyx.ResourceValidationPolicyArgs{
		Description:      "API Gateway REST stages have X-Ray tracing enabled " + idsXRay.String() + ".",
		EnforcementLevel: policyx.EnforcementLevelAdvisory,
		ValidateResource: judge(func(args policyx.ResourceValidationArgs, r policyx.AnalyzerResource) error {
			v := get(r.Properties, "xrayTracingEnabled")
			if on, ok := knownBool(v); (ok && !on) || v.IsNull() {
				report(args, "%s has X-Ray tracing off: set xrayTracingEnabled to true %s", describe(r), idsXRay)
			}
			return nil
		}, typeRESTStage),
	})
}
