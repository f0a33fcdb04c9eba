package main

import (
	"fmt"
	"reflect"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// referenced rehydrates a component passed by reference into another's inputs (a stage's logGroup and
// account) as the Go component the Args field holds, with its outputs read from the engine, so that infer's
// copy of the inputs can set the field. infer registers no resource module of its own: the Go SDK looks one
// up by the reference's package and module.
//
// It maps each served component's token to the Go type that the Args refer to it by: the apigwlogs type the
// provider's namesake converts to.
type referenced map[string]reflect.Type

func newReferenced(served []served) (referenced, error) {
	r := referenced{}
	for _, s := range served {
		for _, f := range reflect.VisibleFields(s.args) {
			t := f.Type
			if t.Kind() != reflect.Pointer || !t.Implements(reflect.TypeFor[pulumi.ComponentResource]()) {
				continue
			}
			token, err := tokenOf(served, Package, t.Elem())
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %w", s.args.Name(), f.Name, err)
			}
			r[token] = t.Elem()
		}
	}
	return r, nil
}

// tokenOf returns the token in package pkg of the served component whose type converts to the Go type t.
func tokenOf(served []served, pkg string, t reflect.Type) (string, error) {
	for _, s := range served {
		if reflect.PointerTo(s.component).ConvertibleTo(reflect.PointerTo(t)) {
			return tokenIn(pkg, s.InferredComponent)
		}
	}
	return "", fmt.Errorf("%s is not a served component", t)
}

func (referenced) Version() semver.Version { return semver.Version{} }

func (r referenced) Construct(ctx *pulumi.Context, name, typ, urn string) (pulumi.Resource, error) {
	t, ok := r[typ]
	if !ok {
		return nil, fmt.Errorf("a reference to %s %s: only components that other components take as inputs "+
			"can be passed by reference", typ, name)
	}
	res := reflect.New(t).Interface().(pulumi.ComponentResource)
	if err := ctx.RegisterResource(typ, name, nil, res, pulumi.URN_(urn)); err != nil {
		return nil, err
	}
	return res, nil
}
