package simaws

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// The HTTP and WebSocket API types (API Gateway v2) and REST method settings, as pulumi-aws v6.83.4 names them.
const (
	TypeV2API          = "aws:apigatewayv2/api:Api"
	TypeV2Integration  = "aws:apigatewayv2/integration:Integration"
	TypeV2Route        = "aws:apigatewayv2/route:Route"
	TypeV2Deployment   = "aws:apigatewayv2/deployment:Deployment"
	TypeV2Stage        = "aws:apigatewayv2/stage:Stage"
	TypeMethodSettings = "aws:apigateway/methodSettings:MethodSettings"
)

var (
	// [V] API Gateway v2 API reference, CreateStage, stageName: $default or [A-Za-z0-9_-]{1,128}
	// (components/AWS.md, "Stages and execution logs").
	v2StageNameRE = regexp.MustCompile(`^(\$default|[A-Za-z0-9_-]{1,128})$`)
	// [V] API Gateway developer guide, "Logging API calls to Kinesis Data Firehose": the delivery stream's name
	// starts with amazon-apigateway- and has 1 to 64 characters from [a-zA-Z0-9_.-] (components/AWS.md,
	// "Destinations").
	firehoseNameRE = regexp.MustCompile(`^amazon-apigateway-[a-zA-Z0-9_.-]{1,46}$`)
	// [V] API Gateway API reference, MethodSetting loggingLevel; v2 RouteSettings loggingLevel.
	loggingLevels = []string{"OFF", "ERROR", "INFO"}
	// [V] API Gateway v2 API reference, CreateIntegration integrationType.
	v2IntegrationTypes = []string{"AWS", "AWS_PROXY", "HTTP", "HTTP_PROXY", "MOCK"}
)

// ExecutionLogGroupName is the group API Gateway writes a stage's execution logs to, and creates itself, with
// no retention, when it first needs it. [V] REST: API Gateway developer guide, "Set up CloudWatch logging for
// REST APIs"; [S] WebSocket: the same name (cloudnamaste.com, "Enable API Gateway CloudWatch Logs", for REST
// and WebSocket APIs). components/AWS.md, "Stages and execution logs" and "HTTP and WebSocket APIs".
func ExecutionLogGroupName(apiID, stage string) string {
	return "API-Gateway-Execution-Logs_" + apiID + "/" + stage
}

func init() {
	kinds[TypeV2API] = &kind{
		autoName: 128,
		required: []string{"protocolType"},
		forceNew: []string{"protocolType"}, // terraform-provider-aws aws_apigatewayv2_api: protocol_type ForceNew
		computed: []string{"apiEndpoint", "arn", "executionArn"},
		check: func(in property.Map) []string {
			p, ok := str(in, "protocolType")
			switch {
			case ok && p != "HTTP" && p != "WEBSOCKET":
				return []string{fmt.Sprintf("protocolType: %q is not one of [HTTP WEBSOCKET]", p)}
			case p == "WEBSOCKET" && isAbsent(in, "routeSelectionExpression"):
				// [V] API Gateway v2 API reference, CreateApi: routeSelectionExpression is required for WebSocket.
				return []string{"routeSelectionExpression: required for WEBSOCKET APIs"}
			}
			return nil
		},
		create: func(a *Account, _ property.Map) (string, error) { return a.randString(10, lowerAlnum), nil },
		outputs: func(a *Account, id string, in property.Map) map[string]property.Value {
			scheme := "https"
			if strIn(in, "protocolType") == "WEBSOCKET" {
				scheme = "wss"
			}
			return map[string]property.Value{
				"apiEndpoint":  property.New(fmt.Sprintf("%s://%s.execute-api.%s.amazonaws.com", scheme, id, a.region)),
				"arn":          property.New(fmt.Sprintf("arn:%s:apigateway:%s::/apis/%s", a.partition, a.region, id)),
				"executionArn": property.New(fmt.Sprintf("arn:%s:execute-api:%s:%s:%s", a.partition, a.region, a.id, id)),
				"tagsAll":      tagsAll(in),
			}
		},
		deleted: func(a *Account, o *Object) {
			// [V] API Gateway v2 API reference, DeleteApi: the API goes with its routes, integrations, deployments
			// and stages.
			for k, child := range a.objects {
				if child.Str("apiId") == o.ID {
					delete(a.objects, k)
				}
			}
		},
	}
	kinds[TypeV2Integration] = &kind{
		required: []string{"apiId", "integrationType"},
		forceNew: []string{"apiId"},
		check: func(in property.Map) []string {
			if t, ok := str(in, "integrationType"); ok && !slices.Contains(v2IntegrationTypes, t) {
				return []string{fmt.Sprintf("integrationType: %q is not one of %v", t, v2IntegrationTypes)}
			}
			return nil
		},
		create: func(a *Account, in property.Map) (string, error) {
			api := v2APIOf(a, in)
			if api == nil {
				return "", fmt.Errorf("%s", errInvalidAPIIdentifier)
			}
			// [V] API Gateway v2 API reference, CreateIntegration: MOCK is supported only for WebSocket APIs.
			if strIn(in, "integrationType") == "MOCK" && api.Str("protocolType") != "WEBSOCKET" {
				return "", awsError("BadRequestException", "Integration type MOCK is supported only for WebSocket APIs")
			}
			return a.randString(7, lowerAlnum), nil
		},
	}
	kinds[TypeV2Route] = &kind{
		required: []string{"apiId", "routeKey"},
		forceNew: []string{"apiId"},
		create: func(a *Account, in property.Map) (string, error) {
			api := v2APIOf(a, in)
			if api == nil {
				return "", fmt.Errorf("%s", errInvalidAPIIdentifier)
			}
			// [V] API Gateway v2 API reference, CreateRoute: target is integrations/{integrationId}.
			if target := strIn(in, "target"); target != "" {
				id, ok := strings.CutPrefix(target, "integrations/")
				if it := a.get(TypeV2Integration, id); !ok || it == nil || it.Str("apiId") != api.ID {
					return "", awsError("NotFoundException", "Invalid integration identifier specified: %s", target)
				}
			}
			if a.taken(TypeV2Route, func(o *Object) bool {
				return o.Str("apiId") == api.ID && o.Str("routeKey") == strIn(in, "routeKey")
			}) {
				return "", awsError("ConflictException", "Route with key %s already exists for this API", strIn(in, "routeKey"))
			}
			return a.randString(7, lowerAlnum), nil
		},
	}
	kinds[TypeV2Deployment] = &kind{
		required: []string{"apiId"},
		forceNew: []string{"apiId", "triggers"},
		create: func(a *Account, in property.Map) (string, error) {
			api := v2APIOf(a, in)
			if api == nil {
				return "", fmt.Errorf("%s", errInvalidAPIIdentifier)
			}
			// [V] API Gateway v2 API reference, CreateDeployment: BadRequestException without a route.
			if a.find(TypeV2Route, func(o *Object) bool { return o.Str("apiId") == api.ID }) == nil {
				return "", awsError("BadRequestException", "At least one route is required before deploying the Api.")
			}
			return a.randString(6, lowerAlnum), nil
		},
		del: func(a *Account, o *Object) error {
			if a.find(TypeV2Stage, func(s *Object) bool { return s.Str("deploymentId") == o.ID }) != nil {
				return fmt.Errorf("%s", errActiveStagesDeployment)
			}
			return nil
		},
	}
	kinds[TypeV2Stage] = &kind{
		required: []string{"apiId", "name"},
		// terraform-provider-aws aws_apigatewayv2_stage: api_id and name are ForceNew.
		forceNew: []string{"apiId", "name"},
		computed: []string{"arn", "executionArn", "invokeUrl"},
		check: func(in property.Map) []string {
			if name, ok := str(in, "name"); ok && !v2StageNameRE.MatchString(name) {
				return []string{fmt.Sprintf("name: %q must be $default or 1 to 128 characters from A-Z a-z 0-9 _ -", name)}
			}
			return nil
		},
		create: func(a *Account, in property.Map) (string, error) {
			api := v2APIOf(a, in)
			if api == nil {
				return "", fmt.Errorf("%s", errInvalidAPIIdentifier)
			}
			name := strIn(in, "name")
			if a.taken(TypeV2Stage, func(o *Object) bool { return o.Str("apiId") == api.ID && o.Str("name") == name }) {
				return "", awsError("ConflictException", "Stage already exists")
			}
			if err := checkV2Stage(a, api, in); err != nil {
				return "", err
			}
			return api.ID + "-" + name, nil
		},
		update: func(a *Account, _ *Object, in property.Map) error {
			api := v2APIOf(a, in)
			if api == nil {
				return fmt.Errorf("%s", errInvalidAPIIdentifier)
			}
			return checkV2Stage(a, api, in)
		},
		outputs: func(a *Account, _ string, in property.Map) map[string]property.Value {
			api, name := strIn(in, "apiId"), strIn(in, "name")
			scheme, path := "https", "/"+name
			if p := a.get(TypeV2API, api); p != nil && p.Str("protocolType") == "WEBSOCKET" {
				scheme = "wss"
			}
			if name == "$default" {
				path = "/"
			}
			return map[string]property.Value{
				"arn":          property.New(fmt.Sprintf("arn:%s:apigateway:%s::/apis/%s/stages/%s", a.partition, a.region, api, name)),
				"executionArn": property.New(fmt.Sprintf("arn:%s:execute-api:%s:%s:%s/%s", a.partition, a.region, a.id, api, name)),
				"invokeUrl":    property.New(fmt.Sprintf("%s://%s.execute-api.%s.amazonaws.com%s", scheme, api, a.region, path)),
				"tagsAll":      tagsAll(in),
			}
		},
		committed: func(a *Account, o *Object) {
			if lvl := loggingLevelOf(o.Props, "defaultRouteSettings"); lvl == "ERROR" || lvl == "INFO" {
				a.createExecutionLogGroup(o.Str("apiId"), o.Str("name"))
			}
		},
	}
	kinds[TypeMethodSettings] = &kind{
		required: []string{"restApi", "stageName", "methodPath", "settings"},
		// terraform-provider-aws aws_api_gateway_method_settings: rest_api_id, stage_name, method_path ForceNew.
		forceNew: []string{"restApi", "stageName", "methodPath"},
		check: func(in property.Map) []string {
			if lvl := loggingLevelOf(in, "settings"); lvl != "" && !slices.Contains(loggingLevels, lvl) {
				return []string{fmt.Sprintf("settings.loggingLevel: %q is not one of %v", lvl, loggingLevels)}
			}
			return nil
		},
		create: func(a *Account, in property.Map) (string, error) {
			return strIn(in, "restApi") + "-" + strIn(in, "stageName") + "-" + strIn(in, "methodPath"), checkMethodSettings(a, in)
		},
		update: func(a *Account, _ *Object, in property.Map) error { return checkMethodSettings(a, in) },
		committed: func(a *Account, o *Object) {
			if lvl := loggingLevelOf(o.Props, "settings"); lvl == "ERROR" || lvl == "INFO" {
				a.createExecutionLogGroup(o.Str("restApi"), o.Str("stageName"))
			}
		},
	}
}

func v2APIOf(a *Account, in property.Map) *Object { return a.get(TypeV2API, strIn(in, "apiId")) }

// loggingLevelOf reads key.loggingLevel (settings of method settings, defaultRouteSettings of a v2 stage).
func loggingLevelOf(in property.Map, key string) string {
	v, ok := in.GetOk(key)
	if !ok || !v.IsMap() {
		return ""
	}
	return strIn(v.AsMap(), "loggingLevel")
}

func boolOf(in property.Map, key, field string) bool {
	v, ok := in.GetOk(key)
	if !ok || !v.IsMap() {
		return false
	}
	b, ok := v.AsMap().GetOk(field)
	return ok && b.IsBool() && b.AsBool()
}

// createExecutionLogGroup is API Gateway creating the execution-log group itself, with no retention, when
// execution logging is turned on and the group does not exist yet. [V/S] components/AWS.md, "Stages and
// execution logs" (aws-cdk #20140, terraform-provider-aws #8413). The group belongs to no stack.
func (a *Account) createExecutionLogGroup(apiID, stage string) {
	name := ExecutionLogGroupName(apiID, stage)
	if a.taken(TypeLogGroup, func(o *Object) bool { return o.ID == name }) {
		return
	}
	props := property.NewMap(map[string]property.Value{
		"name": property.New(name), "arn": property.New(a.logGroupARN(name)),
		"logGroupClass": property.New("STANDARD"),
	})
	a.put(&Object{Type: TypeLogGroup, ID: name, Props: props, inputs: property.NewMap(map[string]property.Value{
		"name": property.New(name),
	})})
}

// checkMethodSettings is UpdateStage's check of REST method settings: the stage exists, and execution logging
// needs the account's CloudWatch role like access logging does.
func checkMethodSettings(a *Account, in property.Map) error {
	api, stage := strIn(in, "restApi"), strIn(in, "stageName")
	// [V] API Gateway API reference, UpdateStage errors: NotFoundException for a missing stage.
	if a.find(TypeStage, func(o *Object) bool { return o.Str("restApi") == api && o.Str("stageName") == stage }) == nil {
		return awsError("NotFoundException", "Invalid Stage identifier specified")
	}
	lvl := loggingLevelOf(in, "settings")
	if (lvl == "ERROR" || lvl == "INFO" || boolOf(in, "settings", "dataTraceEnabled")) && a.settings.cloudwatchRoleARN == "" {
		// [S] aws-cdk PR #18011 (components/AWS.md, "The account setting"): logging needs the account's
		// CloudWatch role.
		return awsError("BadRequestException", "CloudWatch Logs role ARN must be set in account settings to enable logging")
	}
	return nil
}

// checkV2Stage is CreateStage/UpdateStage's check for HTTP and WebSocket stages.
func checkV2Stage(a *Account, api *Object, in property.Map) error {
	protocol := api.Str("protocolType")
	lvl := loggingLevelOf(in, "defaultRouteSettings")
	executionLogging := lvl == "ERROR" || lvl == "INFO" || boolOf(in, "defaultRouteSettings", "dataTraceEnabled")
	if protocol == "HTTP" && executionLogging {
		// [V] API Gateway v2 API reference, RouteSettings (components/AWS.md, "Stages and execution logs"):
		// HTTP stages reject execution logging.
		return awsError("BadRequestException", "Execution logs are not supported on protocolType HTTP")
	}
	if protocol == "WEBSOCKET" {
		// [V] API Gateway v2 API reference, Stage autoDeploy: supported only for HTTP APIs.
		if b, ok := in.GetOk("autoDeploy"); ok && b.IsBool() && b.AsBool() {
			return awsError("BadRequestException", "AutoDeploy is not supported for WebSocket APIs")
		}
	}
	if dep := strIn(in, "deploymentId"); dep != "" {
		if d := a.get(TypeV2Deployment, dep); d == nil || d.Str("apiId") != api.ID {
			return fmt.Errorf("%s: %s", errInvalidDeploymentID, dep)
		}
	}
	settings, ok := in.GetOk("accessLogSettings")
	hasAccessLogs := ok && settings.IsMap()
	if protocol == "WEBSOCKET" && (hasAccessLogs || executionLogging) && a.settings.cloudwatchRoleARN == "" {
		// [S] sst/ion#373, anomalyco/sst#4663 (components/AWS.md, "HTTP and WebSocket APIs"): WebSocket
		// logging needs the account role.
		return awsError("BadRequestException", "CloudWatch Logs role ARN must be set in account settings to enable logging")
	}
	if !hasAccessLogs {
		return nil
	}
	s := settings.AsMap()
	dest := strIn(s, "destinationArn")
	if p, ok := parseARN(dest); ok && p.Service == "firehose" {
		// [V] API Gateway developer guide, "Log REST API calls to Amazon Data Firehose" (components/AWS.md,
		// "Destinations"): Firehose is for REST APIs only.
		return awsError("BadRequestException", "Invalid destination ARN %s: %s APIs log to CloudWatch Logs only", dest, protocol)
	}
	if a.logGroupByARN(dest) == nil {
		return awsError("BadRequestException", "Invalid CloudWatch Logs destination ARN %s: log group does not exist", dest)
	}
	format := strIn(s, "format")
	// [V] API Gateway HTTP API quotas: an access-log format of at most 3 KB (components/AWS.md, "Access-log
	// formats").
	if protocol == "HTTP" && len(format) > 3072 {
		return awsError("BadRequestException", "Access log format must be at most 3 KB")
	}
	return checkAccessLogFormat(format)
}

// checkFirehoseDestination is the REST stage's check of a Firehose destination.
func checkFirehoseDestination(a *Account, arn string) error {
	p, _ := parseARN(arn)
	name, ok := strings.CutPrefix(p.Resource, "deliverystream/")
	if !ok || p.Region != a.region || p.Account != a.id || !firehoseNameRE.MatchString(name) || len(name) > 64 {
		return awsError("BadRequestException", "Invalid destination ARN %s: a Firehose delivery stream whose name "+
			"starts with amazon-apigateway- (1 to 64 characters), in %s, account %s", arn, a.region, a.id)
	}
	return nil
}
