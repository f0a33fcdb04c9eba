package apigwlogs

import (
	"reflect"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// register registers a component with RegisterComponentResourceV2, recording as its inputs the args known
// at construction (plain inputs such as pulumi.String, and plain Go strings, booleans and integers), by their
// `pulumi:"…"` tags.
//
// Args computed by other resources (pulumi.Output values) and component references are left out on purpose:
// RegisterComponentResourceV2 awaits every input before the component's URN resolves, and children wait for
// that URN, so recording a REST API's deployment id would hold the log group and the CloudWatch role back
// until the deployment exists, and a recorded account reference would hide a missing wait for the setting.
// Everything off the critical path keeps running in parallel.
//
// The tags also say what the component provider (provider/, for other languages) serves: an input tagged
// `pulumi:"name,optional"` may be left out, one without ",optional" is required, and a component input
// (a *LogGroup, *Account or *Stage) carries `provider:"type=index:<Component>"`, the served component it refers
// to.
//
// It also gives the component its provider's lookups (see lookupsFor), which its parts share.
func register(ctx *pulumi.Context, token, name string, args any, c pulumi.ComponentResource, opts ...pulumi.ResourceOption) error {
	if err := ctx.RegisterComponentResourceV2(token, name, knownInputs(args), c, opts...); err != nil {
		return err
	}
	lookupsFor(ctx, c, opts)
	return nil
}

// knownInputs returns the tagged fields of an Args struct whose values are known now, following embedded
// structs (such as [ExecutionLogArgs]).
func knownInputs(args any) pulumi.Map {
	inputs := pulumi.Map{}
	v := reflect.ValueOf(args)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return inputs
		}
		v = v.Elem()
	}
	addKnownInputs(v, inputs)
	return inputs
}

func addKnownInputs(v reflect.Value, inputs pulumi.Map) {
	for i := range v.NumField() {
		field, f := v.Type().Field(i), v.Field(i)
		tag, _, _ := strings.Cut(field.Tag.Get("pulumi"), ",")
		if field.Anonymous && tag == "" && f.Kind() == reflect.Struct {
			addKnownInputs(f, inputs)
			continue
		}
		if tag == "" || ((f.Kind() == reflect.Interface || f.Kind() == reflect.Pointer) && f.IsNil()) {
			continue
		}
		switch x := f.Interface().(type) {
		case pulumi.Output:
			continue
		case pulumi.Input:
			inputs[tag] = x
		default: // plain Go values: string enumerations, switches and counts
			switch f.Kind() {
			case reflect.String:
				if f.String() != "" {
					inputs[tag] = pulumi.String(f.String())
				}
			case reflect.Bool:
				inputs[tag] = pulumi.Bool(f.Bool())
			case reflect.Int:
				inputs[tag] = pulumi.Int(int(f.Int()))
			}
		}
	}
}
