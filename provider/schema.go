package main

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
)

// completeSchema wraps infer's GetSchema with what infer cannot derive from types declared in a module that
// must not import it (see enums.go and components.go):
//   - the enumerations: an Args field of an enum's Go type becomes a plain reference to the enum's schema
//     type, which is added to the schema's types;
//   - references to other served components: infer treats a component type it did not build as another
//     package's, and refuses it unless the field's tag names its type (`provider:"type=index:LogGroup"` in
//     package apigwlogs); the reference it then writes has no package, and becomes a reference to the served
//     component.
//
// Everything else (tokens, inputs and outputs with their types, plainness, required inputs, descriptions) is
// infer's, read from the served types and their Annotate methods.
func completeSchema(getSchema func(context.Context, p.GetSchemaRequest) (p.GetSchemaResponse, error)) func(
	context.Context, p.GetSchemaRequest) (p.GetSchemaResponse, error) {
	return func(ctx context.Context, req p.GetSchemaRequest) (p.GetSchemaResponse, error) {
		resp, err := getSchema(ctx, req)
		if err != nil {
			return resp, err
		}
		var spec schema.PackageSpec
		if err := json.Unmarshal([]byte(resp.Schema), &spec); err != nil {
			return resp, err
		}
		if err := complete(&spec, components, enums); err != nil {
			return resp, fmt.Errorf("completing the schema: %w", err)
		}
		out, err := json.Marshal(spec)
		resp.Schema = string(out)
		return resp, err
	}
}

func complete(spec *schema.PackageSpec, served []served, enums []enum) error {
	if spec.Types == nil {
		spec.Types = map[string]schema.ComplexTypeSpec{}
	}
	for _, s := range served {
		token, err := tokenIn(spec.Name, s.InferredComponent)
		if err != nil {
			return err
		}
		res, ok := spec.Resources[token]
		if !ok {
			return fmt.Errorf("%s is not in the schema", token)
		}
		for _, f := range reflect.VisibleFields(s.args) {
			name, _, _ := strings.Cut(f.Tag.Get("pulumi"), ",")
			prop, ok := res.InputProperties[name]
			if name == "" || !ok {
				continue
			}
			switch t := f.Type; {
			case t.Kind() == reflect.Pointer && strings.HasPrefix(prop.Ref, "///schema.json#/resources/:"):
				ref, err := tokenOf(served, spec.Name, t.Elem())
				if err != nil {
					return fmt.Errorf("%s input %s: %w", token, name, err)
				}
				if tagged := ":" + strings.TrimPrefix(f.Tag.Get("provider"), "type="); !strings.HasSuffix(ref, tagged) {
					return fmt.Errorf("%s input %s: tagged type%s, but its Go type is %s's", token, name, tagged, ref)
				}
				prop.Ref = "#/resources/" + ref
			case t.Kind() == reflect.String && t.PkgPath() != "":
				i := enumIndex(enums, t)
				if i < 0 {
					return fmt.Errorf("%s input %s: %s has no values in the provider's enums", token, name, t)
				}
				enumToken := spec.Name + ":index:" + t.Name()
				spec.Types[enumToken] = enums[i].spec
				prop.TypeSpec = schema.TypeSpec{Ref: "#/types/" + enumToken, Plain: true}
			}
			res.InputProperties[name] = prop
		}
		spec.Resources[token] = res
	}
	return nil
}

func enumIndex(enums []enum, t reflect.Type) int {
	for i, e := range enums {
		if e.goType == t {
			return i
		}
	}
	return -1
}

// tokenIn is a served component's token in package pkg (infer's own tokens carry a placeholder package).
func tokenIn(pkg string, c infer.InferredComponent) (string, error) {
	t, err := c.GetToken()
	if err != nil {
		return "", err
	}
	return string(tokens.NewTypeToken(tokens.NewModuleToken(tokens.Package(pkg), t.Module().Name()), t.Name())), nil
}
