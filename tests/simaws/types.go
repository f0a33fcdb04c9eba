package simaws

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// The resource types the simulated provider knows, as pulumi-aws v6.83.4 names them.
const (
	TypeLogGroup              = "aws:cloudwatch/logGroup:LogGroup"
	TypeRole                  = "aws:iam/role:Role"
	TypeRolePolicyAttachment  = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
	TypeAccount               = "aws:apigateway/account:Account"
	TypeRestAPI               = "aws:apigateway/restApi:RestApi"
	TypeResource              = "aws:apigateway/resource:Resource"
	TypeMethod                = "aws:apigateway/method:Method"
	TypeIntegration           = "aws:apigateway/integration:Integration"
	TypeMethodResponse        = "aws:apigateway/methodResponse:MethodResponse"
	TypeIntegrationResponse   = "aws:apigateway/integrationResponse:IntegrationResponse"
	TypeDeployment            = "aws:apigateway/deployment:Deployment"
	TypeStage                 = "aws:apigateway/stage:Stage"
	accountSettingID          = "api-gateway-account"
	apigatewayPrincipal       = "apigateway.amazonaws.com"
	errInvalidAPIIdentifier   = "NotFoundException: Invalid API identifier specified"
	errInvalidResourceID      = "NotFoundException: Invalid Resource identifier specified"
	errInvalidMethodID        = "NotFoundException: Invalid Method identifier specified"
	errInvalidIntegrationID   = "NotFoundException: Invalid Integration identifier specified"
	errInvalidDeploymentID    = "NotFoundException: Invalid Deployment identifier specified"
	errInvalidResponseStatus  = "NotFoundException: Invalid Response status code specified"
	errActiveStagesDeployment = "BadRequestException: Active stages pointing to this deployment must be moved or deleted"
)

// kind is what the simulator knows about one resource type. Property names are pulumi-aws v6.83.4's (the
// `pulumi:"…"` tags of its generated Go SDK). Every function that takes the account runs with its lock held.
type kind struct {
	// autoName is the maximum length of an autonamed `name` (pulumi-aws autonames it `<resource name>-<7 hex>`
	// when neither name nor namePrefix is set); 0 for types without a name.
	autoName int
	// required are inputs the provider schema requires.
	required []string
	// forceNew are inputs whose change replaces the resource (the provider schema's ForceNew); the others
	// update in place.
	forceNew []string
	// sameJSON are inputs holding JSON documents: a change that leaves the document equal (spacing, key
	// order) is no change, as the provider's DiffSuppressFunc has it.
	sameJSON []string
	// computed are outputs that are unknown until the resource is created.
	computed []string
	// stable are outputs fixed at creation, kept by updates (random ids, creation dates).
	stable []string
	// check validates known inputs as the provider does before calling AWS (schema validation); it skips
	// unknown values.
	check func(in property.Map) []string
	// create validates a create against the account, as the AWS API does when it is called, and returns the
	// new resource's id.
	create func(a *Account, in property.Map) (string, error)
	// update validates an update of o to in. nil: updates are always accepted.
	update func(a *Account, o *Object, in property.Map) error
	// outputs computes the outputs a created resource reports.
	outputs func(a *Account, id string, in property.Map) map[string]property.Value
	// committed runs when a create or update has finished, for effects beyond the object itself.
	committed func(a *Account, o *Object)
	// del validates a delete, as the AWS API does. nil: deletes are always accepted.
	del func(a *Account, o *Object) error
	// deleted runs when a delete has finished, for effects beyond the object itself.
	deleted func(a *Account, o *Object)
	// singleton: one per account and region; every stack's resource of this type is a view of the same setting.
	singleton bool
}

var kinds = map[string]*kind{
	TypeLogGroup: {
		autoName: 512,
		// Source: terraform-provider-aws aws_cloudwatch_log_group schema: name, name_prefix and
		// log_group_class are ForceNew; retention, KMS key and tags update in place. [V] CloudWatch Logs API
		// reference, CreateLogGroup (components/AWS.md, "CloudWatch Logs"): the class is fixed at creation.
		forceNew: []string{"name", "namePrefix", "logGroupClass"},
		computed: []string{"arn"},
		check: func(in property.Map) []string {
			var bad []string
			if name, ok := str(in, "name"); ok {
				if err := checkLogGroupName(name); err != nil {
					bad = append(bad, "name: "+err.Error())
				}
			}
			if days, ok := num(in, "retentionInDays"); ok {
				if err := checkRetention(days); err != nil {
					bad = append(bad, "retentionInDays: "+err.Error())
				}
			}
			if class, ok := str(in, "logGroupClass"); ok && !slices.Contains(logGroupClasses, class) {
				bad = append(bad, fmt.Sprintf("logGroupClass: %q is not one of %v", class, logGroupClasses))
			}
			return bad
		},
		create: func(a *Account, in property.Map) (string, error) {
			name, _ := str(in, "name")
			if err := checkLogGroupName(name); err != nil {
				return "", err
			}
			if days, ok := num(in, "retentionInDays"); ok {
				if err := checkRetention(days); err != nil {
					return "", err
				}
			}
			// [V] CloudWatch Logs API reference, CreateLogGroup errors: names are unique per account and region.
			if a.taken(TypeLogGroup, func(o *Object) bool { return o.ID == name }) {
				return "", awsError("ResourceAlreadyExistsException", "The specified log group already exists: %s", name)
			}
			if key := strIn(in, "kmsKeyId"); key != "" {
				if err := checkLogGroupKey(a, name, key); err != nil {
					return "", err
				}
			}
			return name, nil
		},
		update: func(a *Account, o *Object, in property.Map) error {
			if days, ok := num(in, "retentionInDays"); ok {
				if err := checkRetention(days); err != nil { // PutRetentionPolicy
					return err
				}
			}
			if key := strIn(in, "kmsKeyId"); key != "" && key != o.Str("kmsKeyId") {
				return checkLogGroupKey(a, o.ID, key) // AssociateKmsKey
			}
			return nil
		},
		outputs: func(a *Account, id string, in property.Map) map[string]property.Value {
			out := map[string]property.Value{
				// pulumi-aws LogGroup.arn has no trailing ":*" [V] components/AWS.md, "Destinations".
				"arn":         property.New(a.logGroupARN(id)),
				"name":        property.New(id),
				"skipDestroy": property.New(false),
				"tagsAll":     tagsAll(in),
			}
			if _, ok := in.GetOk("retentionInDays"); !ok {
				out["retentionInDays"] = property.New(0.0)
			}
			if isAbsent(in, "logGroupClass") {
				out["logGroupClass"] = property.New("STANDARD")
			}
			return out
		},
	},

	TypeRole: {
		autoName: RoleNameMaxLen,
		required: []string{"assumeRolePolicy"},
		// Source: terraform-provider-aws aws_iam_role schema: name, name_prefix and path are ForceNew.
		forceNew: []string{"name", "namePrefix", "path"},
		computed: []string{"arn", "uniqueId", "createDate"},
		stable:   []string{"uniqueId", "createDate"},
		check: func(in property.Map) []string {
			var bad []string
			if name, ok := str(in, "name"); ok && !roleNameRE.MatchString(name) {
				bad = append(bad, fmt.Sprintf("name: %q must be 1 to 64 characters from [\\w+=,.@-]", name))
			}
			if path, ok := str(in, "path"); ok && !rolePathRE.MatchString(path) {
				bad = append(bad, fmt.Sprintf("path: %q must be / or /…/ with printable ASCII, at most 512 characters", path))
			}
			if p, ok := str(in, "assumeRolePolicy"); ok {
				if _, err := trustsService(p, apigatewayPrincipal); err != nil {
					bad = append(bad, "assumeRolePolicy: "+err.Error())
				}
			}
			return bad
		},
		create: func(a *Account, in property.Map) (string, error) {
			name, _ := str(in, "name")
			if !roleNameRE.MatchString(name) {
				return "", awsError("ValidationError", "role name %q must be 1 to 64 characters from [\\w+=,.@-]", name)
			}
			// [V] IAM API reference, CreateRole errors: EntityAlreadyExists; role names are unique per account
			// (case-insensitively, IAM user guide "IAM identifiers").
			if a.taken(TypeRole, func(o *Object) bool { return strings.EqualFold(o.ID, name) }) {
				return "", awsError("EntityAlreadyExists", "Role with name %s already exists.", name)
			}
			return name, nil
		},
		outputs: func(a *Account, id string, in property.Map) map[string]property.Value {
			path := strIn(in, "path")
			if path == "" {
				path = "/"
			}
			return map[string]property.Value{
				"arn":                 property.New(a.roleARN(path, id)),
				"name":                property.New(id),
				"uniqueId":            property.New("AROA" + strings.ToUpper(a.randString(17, lowerAlnum))),
				"createDate":          property.New("2025-01-01T00:00:00Z"),
				"path":                property.New(path),
				"maxSessionDuration":  property.New(3600.0),
				"forceDetachPolicies": property.New(false),
				"tagsAll":             tagsAll(in),
			}
		},
		del: func(a *Account, o *Object) error {
			// [V] IAM API reference, DeleteRole: "you must first remove ... and detach managed policies";
			// error DeleteConflict. pulumi-aws detaches them first only with forceDetachPolicies.
			if b, ok := o.Props.GetOk("forceDetachPolicies"); ok && b.IsBool() && b.AsBool() {
				for k, att := range a.objects {
					if att.Type == TypeRolePolicyAttachment && att.Str("role") == o.ID {
						delete(a.objects, k)
					}
				}
				return nil
			}
			if a.find(TypeRolePolicyAttachment, func(att *Object) bool { return att.Str("role") == o.ID }) != nil {
				return awsError("DeleteConflict", "Cannot delete entity, must detach all policies first.")
			}
			return nil
		},
	},

	TypeRolePolicyAttachment: {
		required: []string{"role", "policyArn"},
		forceNew: []string{"role", "policyArn"}, // terraform-provider-aws aws_iam_role_policy_attachment: both ForceNew
		create: func(a *Account, in property.Map) (string, error) {
			role, _ := str(in, "role")
			policy, _ := str(in, "policyArn")
			// [V] IAM API reference, AttachRolePolicy errors: NoSuchEntity for a missing role or policy.
			if a.get(TypeRole, role) == nil {
				return "", awsError("NoSuchEntity", "The role with name %s cannot be found.", role)
			}
			if !slices.Contains(managedPolicies(a.partition), policy) {
				return "", awsError("NoSuchEntity", "Policy %s does not exist or is not attachable.", policy)
			}
			return role + "-" + a.randString(26, "0123456789"), nil
		},
		del: func(a *Account, o *Object) error {
			if a.get(TypeRole, o.Str("role")) == nil {
				return awsError("NoSuchEntity", "The role with name %s cannot be found.", o.Str("role"))
			}
			return nil
		},
	},

	TypeAccount: {
		singleton: true,
		create: func(a *Account, in property.Map) (string, error) {
			return accountSettingID, checkAccountUpdate(a, in)
		},
		update: func(a *Account, _ *Object, in property.Map) error { return checkAccountUpdate(a, in) },
		outputs: func(a *Account, _ string, in property.Map) map[string]property.Value {
			return map[string]property.Value{
				"apiKeyVersion": property.New("4"),
				"features":      property.New([]property.Value{property.New("UsagePlans")}),
				"throttleSettings": property.New([]property.Value{property.New(map[string]property.Value{
					"burstLimit": property.New(5000.0), "rateLimit": property.New(10000.0),
				})}),
			}
		},
		committed: func(a *Account, o *Object) {
			if arn, ok := str(o.Props, "cloudwatchRoleArn"); ok {
				a.settings.cloudwatchRoleARN = arn
			}
		},
		deleted: func(a *Account, o *Object) {
			// [V] pulumi-aws SDK source (components/AWS.md, "The account setting"): pulumi-aws v6 leaves the
			// setting on delete unless resetOnDelete is true.
			if b, ok := o.Props.GetOk("resetOnDelete"); ok && b.IsBool() && b.AsBool() {
				a.settings.cloudwatchRoleARN = ""
			}
		},
	},

	TypeRestAPI: {
		autoName: 1024, // terraform-provider-aws aws_api_gateway_rest_api name: required, pulumi-aws autonames it
		computed: []string{"rootResourceId", "executionArn", "arn", "createdDate"},
		stable:   []string{"rootResourceId", "createdDate"},
		create: func(a *Account, _ property.Map) (string, error) {
			return a.randString(10, lowerAlnum), nil // [V] REST API ids are 10 lowercase letters and digits
		},
		outputs: func(a *Account, id string, in property.Map) map[string]property.Value {
			return map[string]property.Value{
				"rootResourceId": property.New(a.randString(10, lowerAlnum)),
				"arn":            property.New(fmt.Sprintf("arn:%s:apigateway:%s::/restapis/%s", a.partition, a.region, id)),
				"executionArn":   property.New(fmt.Sprintf("arn:%s:execute-api:%s:%s:%s", a.partition, a.region, a.id, id)),
				"createdDate":    property.New("2025-01-01T00:00:00Z"),
				"tagsAll":        tagsAll(in),
			}
		},
		deleted: func(a *Account, o *Object) {
			// [V] API Gateway API reference, DeleteRestApi: the API goes with all its resources, methods,
			// deployments and stages.
			for k, child := range a.objects {
				if child.Str("restApi") == o.ID {
					delete(a.objects, k)
				}
			}
		},
	},

	TypeResource: {
		required: []string{"restApi", "parentId", "pathPart"},
		forceNew: []string{"restApi"}, // terraform-provider-aws aws_api_gateway_resource: rest_api_id ForceNew
		computed: []string{"path"},
		check: func(in property.Map) []string {
			if p, ok := str(in, "pathPart"); ok && !pathPartRE.MatchString(p) {
				return []string{fmt.Sprintf("pathPart: %q is not a path segment", p)}
			}
			return nil
		},
		create: func(a *Account, in property.Map) (string, error) {
			api, parent := restAPIOf(a, in), strIn(in, "parentId")
			if api == nil {
				return "", fmt.Errorf("%s", errInvalidAPIIdentifier)
			}
			if parent != api.Str("rootResourceId") && a.get(TypeResource, parent) == nil {
				return "", awsError("NotFoundException", "Invalid Resource identifier specified: parent %s", parent)
			}
			// [V] API Gateway API reference, CreateResource errors: ConflictException for a sibling path.
			if a.taken(TypeResource, func(o *Object) bool {
				return o.Str("restApi") == api.ID && o.Str("parentId") == parent && o.Str("pathPart") == strIn(in, "pathPart")
			}) {
				return "", awsError("ConflictException", "Another resource with the same parent already has this name: %s",
					strIn(in, "pathPart"))
			}
			return a.randString(6, lowerAlnum), nil
		},
		outputs: func(a *Account, _ string, in property.Map) map[string]property.Value {
			parentPath := ""
			if p := a.get(TypeResource, strIn(in, "parentId")); p != nil {
				parentPath = p.Str("path")
			}
			return map[string]property.Value{"path": property.New(parentPath + "/" + strIn(in, "pathPart"))}
		},
	},

	TypeMethod: {
		required: []string{"restApi", "resourceId", "httpMethod", "authorization"},
		// terraform-provider-aws aws_api_gateway_method: rest_api_id, resource_id, http_method ForceNew.
		forceNew: []string{"restApi", "resourceId", "httpMethod"},
		check: func(in property.Map) []string {
			var bad []string
			if m, ok := str(in, "httpMethod"); ok && !slices.Contains(httpMethods, m) {
				bad = append(bad, fmt.Sprintf("httpMethod: %q is not one of %v", m, httpMethods))
			}
			if m, ok := str(in, "authorization"); ok && !slices.Contains(authorizationTypes, m) {
				bad = append(bad, fmt.Sprintf("authorization: %q is not one of %v", m, authorizationTypes))
			}
			return bad
		},
		create: func(a *Account, in property.Map) (string, error) {
			if err := needResource(a, in); err != nil {
				return "", err
			}
			id := methodID("agm", in)
			// [V] API Gateway API reference, PutMethod errors: ConflictException when the method exists.
			if a.taken(TypeMethod, func(o *Object) bool { return o.ID == id }) {
				return "", awsError("ConflictException", "Method already exists for this resource")
			}
			return id, nil
		},
	},

	TypeIntegration: {
		required: []string{"restApi", "resourceId", "httpMethod", "type"},
		forceNew: []string{"restApi", "resourceId", "httpMethod"},
		check: func(in property.Map) []string {
			if t, ok := str(in, "type"); ok && !slices.Contains(integrationTypes, t) {
				return []string{fmt.Sprintf("type: %q is not one of %v", t, integrationTypes)}
			}
			return nil
		},
		create: func(a *Account, in property.Map) (string, error) {
			// [V] API Gateway API reference, PutIntegration errors: NotFoundException without the method.
			if a.get(TypeMethod, methodID("agm", in)) == nil {
				return "", fmt.Errorf("%s", errInvalidMethodID)
			}
			return methodID("agi", in), nil
		},
	},

	TypeMethodResponse: {
		required: []string{"restApi", "resourceId", "httpMethod", "statusCode"},
		forceNew: []string{"restApi", "resourceId", "httpMethod", "statusCode"},
		check:    checkStatusCode,
		create: func(a *Account, in property.Map) (string, error) {
			if a.get(TypeMethod, methodID("agm", in)) == nil {
				return "", fmt.Errorf("%s", errInvalidMethodID)
			}
			return methodID("agmr", in) + "-" + strIn(in, "statusCode"), nil
		},
	},

	TypeIntegrationResponse: {
		required: []string{"restApi", "resourceId", "httpMethod", "statusCode"},
		forceNew: []string{"restApi", "resourceId", "httpMethod", "statusCode"},
		check:    checkStatusCode,
		create: func(a *Account, in property.Map) (string, error) {
			// [V] API Gateway API reference, PutIntegrationResponse errors: NotFoundException without the
			// integration or without a method response for the status code.
			if a.get(TypeIntegration, methodID("agi", in)) == nil {
				return "", fmt.Errorf("%s", errInvalidIntegrationID)
			}
			if a.get(TypeMethodResponse, methodID("agmr", in)+"-"+strIn(in, "statusCode")) == nil {
				return "", fmt.Errorf("%s", errInvalidResponseStatus)
			}
			return methodID("agir", in) + "-" + strIn(in, "statusCode"), nil
		},
	},

	TypeDeployment: {
		required: []string{"restApi"},
		// terraform-provider-aws aws_api_gateway_deployment: rest_api_id, stage_name, stage_description,
		// triggers, variables and canary_settings are ForceNew; description updates in place.
		forceNew: []string{"restApi", "stageName", "stageDescription", "triggers", "variables", "canarySettings"},
		computed: []string{"invokeUrl", "executionArn", "createdDate"},
		stable:   []string{"createdDate"},
		create: func(a *Account, in property.Map) (string, error) {
			api := restAPIOf(a, in)
			if api == nil {
				return "", fmt.Errorf("%s", errInvalidAPIIdentifier)
			}
			// [V] API Gateway API reference, CreateDeployment: BadRequestException "The REST API doesn't
			// contain any methods"; [S] "No integration defined for method" (terraform-provider-aws issues,
			// deployments racing their integrations).
			var methods []*Object
			for _, o := range a.objects {
				if o.Type == TypeMethod && !o.pending && o.Str("restApi") == api.ID {
					methods = append(methods, o)
				}
			}
			if len(methods) == 0 {
				return "", awsError("BadRequestException", "The REST API doesn't contain any methods")
			}
			for _, m := range methods {
				if a.get(TypeIntegration, "agi"+strings.TrimPrefix(m.ID, "agm")) == nil {
					return "", awsError("BadRequestException", "No integration defined for method")
				}
			}
			return a.randString(6, lowerAlnum), nil
		},
		outputs: func(a *Account, id string, in property.Map) map[string]property.Value {
			api := strIn(in, "restApi")
			return map[string]property.Value{
				"invokeUrl":    property.New(fmt.Sprintf("https://%s.execute-api.%s.amazonaws.com/", api, a.region)),
				"executionArn": property.New(fmt.Sprintf("arn:%s:execute-api:%s:%s:%s/", a.partition, a.region, a.id, api)),
				"createdDate":  property.New("2025-01-01T00:00:00Z"),
			}
		},
		del: func(a *Account, o *Object) error {
			// [V] API Gateway API reference, DeleteDeployment: BadRequestException while a stage uses it.
			if a.find(TypeStage, func(s *Object) bool { return s.Str("deployment") == o.ID }) != nil {
				return fmt.Errorf("%s", errActiveStagesDeployment)
			}
			return nil
		},
	},

	TypeStage: {
		required: []string{"restApi", "deployment", "stageName"},
		// terraform-provider-aws aws_api_gateway_stage: rest_api_id and stage_name are ForceNew; deployment,
		// access_log_settings, variables, tags … update in place.
		forceNew: []string{"restApi", "stageName"},
		computed: []string{"arn", "executionArn", "invokeUrl"},
		check: func(in property.Map) []string {
			var bad []string
			if name, ok := str(in, "stageName"); ok && !stageNameRE.MatchString(name) {
				bad = append(bad, fmt.Sprintf("stageName: %q must be 1 to 128 characters from A-Z a-z 0-9 _ -", name))
			}
			return bad
		},
		create: func(a *Account, in property.Map) (string, error) {
			api := restAPIOf(a, in)
			if api == nil {
				return "", fmt.Errorf("%s", errInvalidAPIIdentifier)
			}
			name := strIn(in, "stageName")
			if !stageNameRE.MatchString(name) {
				return "", awsError("BadRequestException", "Stage name only allows a-zA-Z0-9_-: %q", name)
			}
			// [V] API Gateway API reference, CreateStage errors: ConflictException for an existing stage.
			if a.taken(TypeStage, func(o *Object) bool { return o.Str("restApi") == api.ID && o.Str("stageName") == name }) {
				return "", awsError("ConflictException", "Stage already exists")
			}
			if err := checkStage(a, api, in); err != nil {
				return "", err
			}
			return fmt.Sprintf("ags-%s-%s", api.ID, name), nil
		},
		update: func(a *Account, _ *Object, in property.Map) error {
			api := restAPIOf(a, in)
			if api == nil {
				return fmt.Errorf("%s", errInvalidAPIIdentifier)
			}
			return checkStage(a, api, in)
		},
		outputs: func(a *Account, _ string, in property.Map) map[string]property.Value {
			api, name := strIn(in, "restApi"), strIn(in, "stageName")
			return map[string]property.Value{
				"arn":          property.New(fmt.Sprintf("arn:%s:apigateway:%s::/restapis/%s/stages/%s", a.partition, a.region, api, name)),
				"executionArn": property.New(fmt.Sprintf("arn:%s:execute-api:%s:%s:%s/%s", a.partition, a.region, a.id, api, name)),
				"invokeUrl":    property.New(fmt.Sprintf("https://%s.execute-api.%s.amazonaws.com/%s", api, a.region, name)),
				"tagsAll":      tagsAll(in),
			}
		},
	},
}

// checkAccountUpdate is API Gateway's UpdateAccount check on cloudwatchRoleArn. [V] components/AWS.md, "The
// account setting": IAM checks the role when the setting is written. Note: the real pulumi-aws provider
// retries this error for a while (IAM propagation); the simulator fails at once, so a missing DependsOn shows
// every time.
func checkAccountUpdate(a *Account, in property.Map) error {
	arn, ok := str(in, "cloudwatchRoleArn")
	if !ok || arn == "" {
		return nil // the setting is cleared
	}
	if _, ok := parseARN(arn); !ok {
		return awsError("BadRequestException", "Invalid ARN specified in the request: %s", arn)
	}
	return a.checkCloudWatchRole(arn)
}

// checkStage is CreateStage/UpdateStage's check of the deployment and the access-log settings.
func checkStage(a *Account, api *Object, in property.Map) error {
	dep := a.get(TypeDeployment, strIn(in, "deployment"))
	if dep == nil || dep.Str("restApi") != api.ID {
		return fmt.Errorf("%s: %s", errInvalidDeploymentID, strIn(in, "deployment"))
	}
	settings, ok := in.GetOk("accessLogSettings")
	if !ok || settings.IsNull() {
		return nil
	}
	s := settings.AsMap()
	dest := strIn(s, "destinationArn")
	if p, ok := parseARN(dest); ok && p.Service == "firehose" {
		// [V] API Gateway developer guide, "Logging API calls to Kinesis Data Firehose": API Gateway writes with
		// its service-linked role, so the account's CloudWatch role is not needed.
		if err := checkFirehoseDestination(a, dest); err != nil {
			return err
		}
		return checkAccessLogFormat(strIn(s, "format"))
	}
	// [S] components/AWS.md, "The account setting": access-log settings need the account's CloudWatch role
	// (aws-cdk PR #18011).
	if a.settings.cloudwatchRoleARN == "" {
		return awsError("BadRequestException", "CloudWatch Logs role ARN must be set in account settings to enable logging")
	}
	// [V] components/AWS.md, "Destinations": arn:aws:logs:{region}:{account}:log-group:{name}, no trailing ":*".
	// (pulumi-aws strips a trailing ":*" before calling AWS; the simulator rejects it so the program never
	// depends on that.)
	if strings.HasSuffix(dest, ":*") {
		return awsError("BadRequestException", "Invalid destination ARN %s: remove the trailing :*", dest)
	}
	// [U] wording: API Gateway validates that the destination exists.
	if a.logGroupByARN(dest) == nil {
		return awsError("BadRequestException", "Invalid CloudWatch Logs destination ARN %s: log group does not exist", dest)
	}
	return checkAccessLogFormat(strIn(s, "format"))
}

func checkStatusCode(in property.Map) []string {
	if c, ok := str(in, "statusCode"); ok && !statusCodeRE.MatchString(c) {
		return []string{fmt.Sprintf("statusCode: %q is not an HTTP status code", c)}
	}
	return nil
}

// needResource checks that a method's REST API and resource exist.
func needResource(a *Account, in property.Map) error {
	api := restAPIOf(a, in)
	if api == nil {
		return fmt.Errorf("%s", errInvalidAPIIdentifier)
	}
	res := strIn(in, "resourceId")
	if res != api.Str("rootResourceId") {
		r := a.get(TypeResource, res)
		if r == nil || r.Str("restApi") != api.ID {
			return fmt.Errorf("%s", errInvalidResourceID)
		}
	}
	return nil
}

func restAPIOf(a *Account, in property.Map) *Object { return a.get(TypeRestAPI, strIn(in, "restApi")) }

// methodID is terraform-provider-aws's id for method-scoped resources: <prefix>-<api>-<resource>-<method>.
func methodID(prefix string, in property.Map) string {
	return fmt.Sprintf("%s-%s-%s-%s", prefix, strIn(in, "restApi"), strIn(in, "resourceId"), strIn(in, "httpMethod"))
}

func tagsAll(in property.Map) property.Value {
	if t, ok := in.GetOk("tags"); ok && t.IsMap() {
		return t
	}
	return property.New(map[string]property.Value{})
}

// str returns a known string property.
func str(m property.Map, k string) (string, bool) {
	v, ok := m.GetOk(k)
	if !ok || !v.IsString() {
		return "", false
	}
	return v.AsString(), true
}

func strIn(m property.Map, k string) string {
	s, _ := str(m, k)
	return s
}

// num returns a known number property.
func num(m property.Map, k string) (float64, bool) {
	v, ok := m.GetOk(k)
	if !ok || !v.IsNumber() {
		return 0, false
	}
	return v.AsNumber(), true
}
