package policy

import (
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// Resource type tokens, pulumi-aws v6.
const (
	typeRESTStage      = "aws:apigateway/stage:Stage"
	typeV2Stage        = "aws:apigatewayv2/stage:Stage"
	typeV2API          = "aws:apigatewayv2/api:Api"
	typeDeployment     = "aws:apigateway/deployment:Deployment"
	typeMethodSettings = "aws:apigateway/methodSettings:MethodSettings"
	typeLogGroup       = "aws:cloudwatch/logGroup:LogGroup"
	typeDeliverySource = "aws:cloudwatch/logDeliverySource:LogDeliverySource"
)

// get returns the property at path, one map key per step. It returns null when a key is missing or a step is
// not a map, and a computed value when a step is unknown: at preview, a value another resource computes is
// unknown until that resource exists.
func get(props property.Map, path ...string) property.Value {
	v := property.New(props)
	for _, key := range path {
		if v.IsComputed() {
			return v
		}
		if !v.IsMap() {
			return property.Value{}
		}
		v = v.AsMap().Get(key)
	}
	return v
}

// knownString returns v's string when v is a known string.
func knownString(v property.Value) (string, bool) {
	if !v.IsString() {
		return "", false
	}
	return v.AsString(), true
}

// knownBool returns v's boolean when v is a known boolean.
func knownBool(v property.Value) (bool, bool) {
	if !v.IsBool() {
		return false, false
	}
	return v.AsBool(), true
}

// set reports whether v holds something: unknown, or a known value other than null and "".
func set(v property.Value) bool {
	if s, ok := knownString(v); ok {
		return s != ""
	}
	return !v.IsNull()
}

// ref is one property of a resource, with the URNs of the resources its value was computed from.
type ref struct {
	v    property.Value
	deps []string
}

// refOf returns the property key of r with its dependencies.
func refOf(r policyx.AnalyzerResource, key string) ref {
	return ref{v: get(r.Properties, key), deps: r.PropertyDependencies[key]}
}

// mayEqual reports whether a and b may hold the same value. Known values are compared. When either is
// unknown (a preview before the resource that computes it exists), they are taken to match if both come from
// a common resource, or if nothing tells them apart: a policy must not flag what it cannot know.
func (a ref) mayEqual(b ref) bool {
	as, aok := knownString(a.v)
	bs, bok := knownString(b.v)
	if aok && bok {
		return as == bs
	}
	if len(a.deps) == 0 || len(b.deps) == 0 {
		return true
	}
	return slices.ContainsFunc(a.deps, func(u string) bool { return slices.Contains(b.deps, u) })
}

// dependsOn reports whether a's value was computed from the resource with URN urn.
func (a ref) dependsOn(urn string) bool { return slices.Contains(a.deps, urn) }
