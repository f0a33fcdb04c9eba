// Package mocks runs Pulumi programs against pulumi.WithMocks with a recorder that answers like AWS would
// for the resource types this project uses, and keeps every registration for assertions made after the run.
package mocks

import (
	"fmt"
	"sort"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Account and Region are what the mocks answer as the AWS account and region.
const (
	Account = "123456789012"
	Region  = "us-east-1"
)

// Resource is one registration as the engine would see it.
type Resource struct {
	Type, Name, URN string
	// ID is the physical id the mocks answered with (empty for components).
	ID      string
	Custom  bool
	Inputs  resource.PropertyMap
	Outputs resource.PropertyMap
	Parent  string
	// Dependencies are the URNs the resource waits for: explicit DependsOn and the resources its inputs
	// come from.
	Dependencies   []string
	RetainOnDelete bool
}

// Input returns an input's value as a plain Go value (nil when absent).
func (r Resource) Input(key string) any {
	v, ok := r.Inputs[resource.PropertyKey(key)]
	if !ok {
		return nil
	}
	return v.Mappable()
}

// DependsOn reports whether r waits for other.
func (r Resource) DependsOn(other Resource) bool {
	for _, d := range r.Dependencies {
		if d == other.URN {
			return true
		}
	}
	return false
}

// Recorder is a pulumi.MockResourceMonitor that records every registration.
type Recorder struct {
	project, stack string

	mu        sync.Mutex
	resources []Resource
	serial    int
}

// Run runs program with mocks for project and stack and the given config (keys in full, "project:key") and
// returns the recorder and the program's error.
func Run(project, stack string, config map[string]string, program pulumi.RunFunc) (*Recorder, error) {
	r := &Recorder{project: project, stack: stack}
	err := pulumi.RunErr(program, pulumi.WithMocks(project, stack, r), func(info *pulumi.RunInfo) {
		info.Config = config
	})
	return r, err
}

// Resources returns every registration, sorted by URN so tests are deterministic.
func (r *Recorder) Resources() []Resource {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := append([]Resource(nil), r.resources...)
	sort.Slice(out, func(i, j int) bool { return out[i].URN < out[j].URN })
	return out
}

// OfType returns the registrations of one type.
func (r *Recorder) OfType(typ string) []Resource {
	var out []Resource
	for _, res := range r.Resources() {
		if res.Type == typ {
			out = append(out, res)
		}
	}
	return out
}

// ByURN returns the registration with that URN.
func (r *Recorder) ByURN(urn string) (Resource, bool) {
	for _, res := range r.Resources() {
		if res.URN == urn {
			return res, true
		}
	}
	return Resource{}, false
}

// Call fails: the program makes no invokes, and a test must not pass by accident if it starts to.
func (r *Recorder) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return nil, fmt.Errorf("unexpected invoke %s", args.Token)
}

// NewResource answers a registration with the outputs AWS would return, and fails for unknown types.
func (r *Recorder) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	r.mu.Lock()
	r.serial++
	serial := r.serial
	r.mu.Unlock()

	outputs := args.Inputs.Copy()
	id := ""
	set := func(k string, v any) { outputs[resource.PropertyKey(k)] = resource.NewPropertyValue(v) }
	str := func(k string) string {
		if v, ok := args.Inputs[resource.PropertyKey(k)]; ok && v.IsString() {
			return v.StringValue()
		}
		return ""
	}
	if args.Custom {
		switch args.TypeToken {
		case "aws:cloudwatch/logGroup:LogGroup":
			id = str("name")
			set("arn", fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s", Region, Account, id))
		case "aws:iam/role:Role":
			id = str("name")
			if id == "" { // pulumi-aws auto-names roles: <resource name>-<7 random characters>
				id = fmt.Sprintf("%s-%07x", args.Name, serial)
			}
			set("name", id)
			set("arn", fmt.Sprintf("arn:aws:iam::%s:role/%s", Account, id))
		case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
			id = fmt.Sprintf("%s-%s", str("role"), str("policyArn"))
		case "aws:apigateway/account:Account":
			id = "api-gateway-account"
		case "aws:apigateway/restApi:RestApi":
			id = fmt.Sprintf("api%07d", serial)
			set("rootResourceId", "root"+id)
			set("executionArn", fmt.Sprintf("arn:aws:execute-api:%s:%s:%s", Region, Account, id))
		case "aws:apigateway/resource:Resource", "aws:apigateway/method:Method",
			"aws:apigateway/integration:Integration", "aws:apigateway/methodResponse:MethodResponse",
			"aws:apigateway/integrationResponse:IntegrationResponse":
			id = fmt.Sprintf("%s-%d", args.Name, serial)
		case "aws:apigateway/deployment:Deployment":
			id = fmt.Sprintf("dep%07d", serial)
		case "aws:apigateway/stage:Stage":
			id = fmt.Sprintf("ags-%s-%s", str("restApi"), str("stageName"))
			set("invokeUrl", fmt.Sprintf("https://%s.execute-api.%s.amazonaws.com/%s", str("restApi"), Region, str("stageName")))
		default:
			return "", nil, fmt.Errorf("unexpected resource type %s", args.TypeToken)
		}
	}

	rpc := args.RegisterRPC
	parentType := tokens.Type("")
	if p := resource.URN(rpc.GetParent()); p != "" && p.QualifiedType() != resource.RootStackType {
		parentType = p.QualifiedType()
	}
	urn := resource.NewURN(tokens.QName(r.stack), tokens.PackageName(r.project), parentType,
		tokens.Type(args.TypeToken), args.Name)

	r.mu.Lock()
	defer r.mu.Unlock()
	r.resources = append(r.resources, Resource{
		Type:           args.TypeToken,
		Name:           args.Name,
		URN:            string(urn),
		ID:             id,
		Custom:         args.Custom,
		Inputs:         args.Inputs,
		Outputs:        outputs,
		Parent:         rpc.GetParent(),
		Dependencies:   rpc.GetDependencies(),
		RetainOnDelete: rpc.GetRetainOnDelete(),
	})
	return id, outputs, nil
}
