package kube

import (
	corev1 "k8s.io/api/core/v1"
)

// containerRows makes one row per container of spec, init containers first (they start first), each copying
// base, with the digest its pods report or, failing that, the one the image pins. Ephemeral containers are left
// out: they are attached by hand for debugging and are no part of the workload.
func containerRows(base Workload, spec *corev1.PodSpec, pods []*corev1.Pod) []Workload {
	rows := make([]Workload, 0, len(spec.InitContainers)+len(spec.Containers))
	add := func(c corev1.Container, init bool) {
		w := base
		w.Container, w.Init, w.Image = c.Name, init, c.Image
		w.Digest, w.OtherDigests = pickDigest(c.Image, observe(pods, c.Name, init))
		if w.Digest != "" {
			w.DigestSource = SourceImageID
		} else if d := pinnedDigest(c.Image); d != "" {
			w.Digest, w.DigestSource = d, SourcePinned
		}
		rows = append(rows, w)
	}
	for _, c := range spec.InitContainers {
		add(c, true)
	}
	for _, c := range spec.Containers {
		add(c, false)
	}
	return rows
}

// observe collects what each pod says about its container name (of the init or the regular kind): the image
// its spec names, and the digest its status reports. A pod without that container (made from an older spec)
// says nothing.
func observe(pods []*corev1.Pod, name string, init bool) []observation {
	var obs []observation
	for _, p := range pods {
		specs, statuses := p.Spec.Containers, p.Status.ContainerStatuses
		if init {
			specs, statuses = p.Spec.InitContainers, p.Status.InitContainerStatuses
		}
		o := observation{created: p.CreationTimestamp.Time, finished: podFinished(p)}
		found := false
		for _, c := range specs {
			if c.Name == name {
				o.image, found = c.Image, true
				break
			}
		}
		if !found {
			continue
		}
		for _, s := range statuses {
			if s.Name == name {
				o.digest = digestFromImageID(s.ImageID)
				break
			}
		}
		obs = append(obs, o)
	}
	return obs
}

// podReady says whether the pod's Ready condition is true.
func podReady(p *corev1.Pod) bool {
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

// podFinished says whether the pod has run to its end: it runs nothing any more.
func podFinished(p *corev1.Pod) bool {
	return p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed
}
