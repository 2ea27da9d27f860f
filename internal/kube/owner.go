package kube

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// owner is the value of the first key found, taking the objects in order (the workload, its pod template, its
// namespace: the most specific word wins) and, on each object, the keys in order, each as a label then as an
// annotation (labels are the usual place; annotations hold what labels cannot, like an e-mail address). Nil
// objects (a namespace not seen) and empty values are skipped.
func owner(keys []string, objects ...*metav1.ObjectMeta) string {
	for _, o := range objects {
		if o == nil {
			continue
		}
		for _, k := range keys {
			if v := o.Labels[k]; v != "" {
				return v
			}
			if v := o.Annotations[k]; v != "" {
				return v
			}
		}
	}
	return ""
}
