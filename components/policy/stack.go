package policy

import (
	"context"
	"fmt"
	"regexp"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// executionLogGroupNameRE splits the name of a REST stage's execution-log group into the REST API's ID and
// the stage name (API Gateway developer guide, "Execution logging for REST APIs").
var executionLogGroupNameRE = regexp.MustCompile(`^API-Gateway-Execution-Logs_([^/]+)/(.+)$`)

// allMethods is the method path of method settings that apply to every method of a stage.
const allMethods = "*/*"

// StageExecutionLogging is the stack policy that stages log execution at ERROR or INFO: a REST stage needs an
// aws.apigateway.MethodSettings for it with methodPath "*/*" and settings.loggingLevel ERROR or INFO, and a
// WebSocket stage defaultRouteSettings.loggingLevel ERROR or INFO. HTTP APIs have no execution logs. A V2
// stage's protocol comes from its aws.apigatewayv2.Api when the stack holds it; a stage of an API defined
// elsewhere is not judged, since its protocol cannot be told.
func StageExecutionLogging() policyx.StackValidationPolicy {
	return policyx.NewStackValidationPolicy("stage-execution-logging", policyx.StackValidationPolicyArgs{
		Description: "API Gateway REST and WebSocket stages log execution at ERROR or INFO for all methods " +
			idsExecutionLogging.String() + ".",
		EnforcementLevel: policyx.EnforcementLevelAdvisory,
		ValidateStack: func(_ context.Context, args policyx.StackValidationArgs) error {
			for _, r := range args.Resources {
				switch r.Type {
				case typeRESTStage:
					if !slices.ContainsFunc(args.Resources, func(ms policyx.AnalyzerResource) bool {
						return isMethodSettingsFor(ms, r) && logsAllMethods(ms)
					}) {
						args.Manager.ReportViolation(fmt.Sprintf("%s has no method settings that log every method: "+
							"add an aws.apigateway.MethodSettings for it with methodPath %q and settings.loggingLevel "+
							"ERROR or INFO %s", describe(r), allMethods, idsExecutionLogging), r.URN)
					}
				case typeV2Stage:
					if protocolOf(args.Resources, r) != "WEBSOCKET" {
						continue
					}
					level := get(r.Properties, "defaultRouteSettings", "loggingLevel")
					if on, ok := logsExecution(level); ok && !on {
						args.Manager.ReportViolation(fmt.Sprintf("%s is a WebSocket stage without execution logs: "+
							"set defaultRouteSettings.loggingLevel to ERROR or INFO %s", describe(r),
							idsExecutionLogging), r.URN)
					}
				}
			}
			return nil
		},
	})
}

// ExecutionLogGroupDefined is the stack policy that a REST stage with execution logging on (method settings at
// ERROR or INFO) has its execution-log group, API-Gateway-Execution-Logs_{restApiId}/{stage}, defined in the
// stack. Otherwise API Gateway creates the group itself, with no retention (never expire) and no owner.
func ExecutionLogGroupDefined() policyx.StackValidationPolicy {
	return policyx.NewStackValidationPolicy("execution-log-group-defined", policyx.StackValidationPolicyArgs{
		Description: "REST stages with execution logging have their API-Gateway-Execution-Logs_{restApiId}/{stage} " +
			"log group defined in the stack, with retention, instead of the one API Gateway creates " +
			idsExecutionLogGroup.String() + ".",
		EnforcementLevel: policyx.EnforcementLevelAdvisory,
		ValidateStack: func(_ context.Context, args policyx.StackValidationArgs) error {
			for _, s := range args.Resources {
				if s.Type != typeRESTStage || !slices.ContainsFunc(args.Resources, func(ms policyx.AnalyzerResource) bool {
					on, ok := logsExecution(get(ms.Properties, "settings", "loggingLevel"))
					return on && ok && isMethodSettingsFor(ms, s)
				}) {
					continue
				}
				if !slices.ContainsFunc(args.Resources, func(g policyx.AnalyzerResource) bool {
					return isExecutionLogGroupOf(g, s)
				}) {
					delivered := ""
					if slices.ContainsFunc(args.Resources, isExecutionLogDelivery) {
						// API Gateway developer guide, "Delete a log delivery for REST API execution logs": without
						// a delivery, API Gateway writes the standard group again.
						delivered = " (a delivery of execution logs does not replace it: API Gateway writes the " +
							"standard group before the delivery exists and after it is deleted)"
					}
					args.Manager.ReportViolation(fmt.Sprintf("%s logs execution, but its execution-log group "+
						"API-Gateway-Execution-Logs_<restApi>/%s is not in the stack, so API Gateway creates it with "+
						"no retention%s: define an aws.cloudwatch.LogGroup of that name, with retentionInDays, before "+
						"the stage %s", describe(s), stageNameOf(s), delivered, idsExecutionLogGroup), s.URN)
				}
			}
			return nil
		},
	})
}

// isExecutionLogDelivery reports whether r is a CloudWatch Logs delivery source of REST execution logs.
func isExecutionLogDelivery(r policyx.AnalyzerResource) bool {
	logType := get(r.Properties, "logType")
	return r.Type == typeDeliverySource && logType.IsString() && logType.AsString() == "EXECUTION_LOGS"
}

// isMethodSettingsFor reports whether ms may be method settings of the REST stage s: same REST API, and a stage
// name that is s's or computed from s. Method settings whose stage name comes from another stage are not s's.
func isMethodSettingsFor(ms, s policyx.AnalyzerResource) bool {
	if ms.Type != typeMethodSettings {
		return false
	}
	if !refOf(ms, "restApi").mayEqual(refOf(s, "restApi")) {
		return false
	}
	stageName := refOf(ms, "stageName")
	if slices.ContainsFunc(stageName.deps, isRESTStageURN) {
		return stageName.dependsOn(s.URN)
	}
	return stageName.mayEqual(refOf(s, "stageName"))
}

// logsAllMethods reports whether method settings apply to every method and log at ERROR or INFO, counting a
// value unknown at preview as compliant.
func logsAllMethods(ms policyx.AnalyzerResource) bool {
	path := get(ms.Properties, "methodPath")
	if p, ok := knownString(path); ok && p != allMethods {
		return false
	}
	on, ok := logsExecution(get(ms.Properties, "settings", "loggingLevel"))
	return on || !ok
}

// isExecutionLogGroupOf reports whether g may be the execution-log group of REST stage s.
func isExecutionLogGroupOf(g, s policyx.AnalyzerResource) bool {
	if g.Type != typeLogGroup {
		return false
	}
	name := refOf(g, "name")
	if name.v.IsComputed() {
		return name.mayEqual(refOf(s, "restApi")) // computed from the REST API's ID, most likely
	}
	n, _ := knownString(name.v)
	m := executionLogGroupNameRE.FindStringSubmatch(n)
	return m != nil &&
		(ref{v: property.New(m[1])}).mayEqual(refOf(s, "restApi")) &&
		(ref{v: property.New(m[2])}).mayEqual(refOf(s, "stageName"))
}

// protocolOf returns the protocolType of V2 stage s's API ("HTTP" or "WEBSOCKET"), or "" when the stack does not
// hold the API or its protocol is unknown. The API is the one s's apiId was computed from, or whose id output
// equals a known apiId.
func protocolOf(resources []policyx.AnalyzerResource, s policyx.AnalyzerResource) string {
	apiID := refOf(s, "apiId")
	id, known := knownString(apiID.v)
	for _, a := range resources {
		if a.Type != typeV2API {
			continue
		}
		if aid, ok := knownString(get(a.Properties, "id")); apiID.dependsOn(a.URN) || (known && ok && aid == id) {
			p, _ := knownString(get(a.Properties, "protocolType"))
			return p
		}
	}
	return ""
}

// isRESTStageURN reports whether urn names an aws.apigateway.Stage.
func isRESTStageURN(urn string) bool {
	u := resource.URN(urn)
	return u.IsValid() && string(u.Type()) == typeRESTStage
}

// stageNameOf returns a REST stage's name for messages, "<stageName>" when unknown.
func stageNameOf(s policyx.AnalyzerResource) string {
	if n, ok := knownString(get(s.Properties, "stageName")); ok {
		return n
	}
	return "<stageName>"
}
