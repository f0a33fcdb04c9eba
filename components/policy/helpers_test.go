package policy_test

import (
	"fmt"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	restStageType      = "aws:apigateway/stage:Stage"
	v2StageType        = "aws:apigatewayv2/stage:Stage"
	v2APIType          = "aws:apigatewayv2/api:Api"
	restAPIType        = "aws:apigateway/restApi:RestApi"
	deploymentType     = "aws:apigateway/deployment:Deployment"
	methodSettingsType = "aws:apigateway/methodSettings:MethodSettings"
	logGroupType       = "aws:cloudwatch/logGroup:LogGroup"

	// What the seed's Terraform port writes: a log group, and a stage sending it logs in the seed's format,
	// which has no request ID.
	seedLogGroupARN = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/seed-access-logs"
	seedFormat      = `$context.identity.sourceIp $context.identity.caller [$context.requestTime] ` +
		`"$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength`
	clfFormat = seedFormat + ` $context.requestId $context.extendedRequestId`
)

// unknown is a value the engine does not know yet: at preview, an output of a resource not created yet.
var unknown = resource.MakeComputed(resource.NewProperty(""))

// unknownOutput is an unknown value as the engine sends it when it keeps output values: with the URNs it
// depends on.
func unknownOutput(deps ...string) resource.PropertyValue {
	urns := make([]resource.URN, len(deps))
	for i, d := range deps {
		urns[i] = resource.URN(d)
	}
	return resource.NewProperty(resource.Output{Known: false, Dependencies: urns})
}

// urn is the URN of a resource in stack dev of project seed.
func urn(typ, name string) string {
	return string(resource.NewURN("dev", "seed", "", tokens.Type(typ), name))
}

// res builds a resource as the engine hands it to a policy: properties converted the way policyx converts them.
func res(typ, name string, props map[string]any) policyx.AnalyzerResource {
	return policyx.AnalyzerResource{
		Type:       typ,
		Name:       name,
		URN:        urn(typ, name),
		Properties: resource.FromResourcePropertyMap(resource.NewPropertyMapFromMap(props)),
	}
}

// withDeps records that the resource's property key was computed from the resources with the given URNs.
func withDeps(r policyx.AnalyzerResource, key string, urns ...string) policyx.AnalyzerResource {
	if r.PropertyDependencies == nil {
		r.PropertyDependencies = map[string][]string{}
	}
	r.PropertyDependencies[key] = append(r.PropertyDependencies[key], urns...)
	r.Dependencies = append(r.Dependencies, urns...)
	return r
}

// seedStage is the seed port's aws.apigateway.Stage with the given access-log settings (nil: none).
func seedStage(settings map[string]any) policyx.AnalyzerResource {
	props := map[string]any{"restApi": "a1b2c3d4e5", "deployment": "dep123", "stageName": "dev"}
	if settings != nil {
		props["accessLogSettings"] = settings
	}
	return res(restStageType, "seed-stage", props)
}

// violation is one ReportViolation call.
type violation struct{ message, urn string }

// recorder is a policyx.PolicyManager that keeps what it is told.
type recorder struct{ got []violation }

func (r *recorder) ReportViolation(message, urn string) {
	r.got = append(r.got, violation{message, urn})
}

// validate runs a resource policy on one resource with a policy config.
func validate(t *testing.T, p policyx.ResourceValidationPolicy, r policyx.AnalyzerResource,
	config map[string]any,
) []violation {
	t.Helper()
	rec := &recorder{}
	require.NoError(t, p.Validate(t.Context(), policyx.ResourceValidationArgs{Manager: rec, Resource: r, Config: config}))
	return rec.got
}

// validateStack runs a stack policy on resources.
func validateStack(t *testing.T, p policyx.StackValidationPolicy, resources ...policyx.AnalyzerResource) []violation {
	t.Helper()
	rec := &recorder{}
	require.NoError(t, p.Validate(t.Context(), policyx.StackValidationArgs{Manager: rec, Resources: resources}))
	return rec.got
}

// assertViolations checks that there is one violation per wanted rule ID, each naming the resource (type and
// name) and its rule ID.
func assertViolations(t *testing.T, got []violation, r policyx.AnalyzerResource, ruleIDs ...string) {
	t.Helper()
	require.Len(t, got, len(ruleIDs), "got violations %v, want one per rule ID %v", got, ruleIDs)
	for i, v := range got {
		assert.Contains(t, v.message, fmt.Sprintf("%s %q", r.Type, r.Name), "violation %d names the resource", i)
		assert.Contains(t, v.message, ruleIDs[i], "violation %d names the rule ID", i)
	}
}
