# METADATA
# title: Cookie labelled exempt-type but serving advertising, marketing or profiling
# description: >-
#   A cookie labelled strictly_necessary, preferences or audience_measurement
#   (the purposes that can be exempt from consent under ePrivacy Directive
#   Art. 5(3)) whose activity (cookie.activity) declares a data use for
#   advertising, marketing or profiling: a use under `marketing`, any key with
#   an `advertising` segment, or any key with a `profiling` or `profiled`
#   segment (e.g. personalize.content.profiling). Such a tracker is not
#   strictly necessary for the service the user requested (Art. 5(3)); the
#   label misrepresents it to users, against the fairness and transparency
#   principle of GDPR Art. 5(1)(a). The cookie should carry its real purpose
#   (advertising) and require consent. Cookies without an activity, or whose
#   activity declares no use, are not checked here.
# related_resources:
#   - description: ePrivacy Directive 2002/58/EC Art. 5(3)
#     ref: https://eur-lex.europa.eu/eli/dir/2002/58/oj
#   - description: GDPR Art. 5(1)(a) (lawfulness, fairness and transparency)
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_5
# custom:
#   id: eprivacy/cookie-purpose-mismatch
#   severity: error
#   reference: ePrivacy Directive Art. 5(3); Art. 5(1)(a)
#   example: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - {id: retargeting, purpose: Retargeting ads, use: marketing.advertising.third_party.targeted, lawful_basis: consent}
#     cookies:
#       - name: _rt
#         activity: retargeting
#         purpose: strictly_necessary
#         consent: exempt
#   fix: |
#     version: 1
#     controller: {name: Example SAS, contact: privacy@example.org, country: FR}
#     activities:
#       - {id: retargeting, purpose: Retargeting ads, use: marketing.advertising.third_party.targeted, lawful_basis: consent}
#     cookies:
#       - name: _rt
#         activity: retargeting
#         purpose: advertising  # fixed: labelled with its real purpose
#         consent: required
package ropa.rules.eprivacy["cookie-purpose-mismatch"]

_exempt_labels := {"strictly_necessary", "preferences", "audience_measurement"}

_activities := {a.id: a | some a in input.activities}

deny contains {"msg": msg, "path": ["cookies", c.name, "purpose"]} if {
	some c in input.cookies
	c.purpose in _exempt_labels
	activity := _activities[c.activity]
	kind := _tracking_kind(activity.use)
	msg := sprintf(
		"cookie %q is labelled %s but its activity %q has use %q (%s): a tracker serving advertising, marketing or profiling is not exempt from consent; declare its real purpose and require consent",
		[c.name, c.purpose, activity.id, activity.use, kind],
	)
}

# _tracking_kind(use) names why a data-use key is advertising, marketing or
# profiling; one value per key (the first that applies).
_tracking_kind(use) := "marketing" if {
	is_string(use)
	split(use, ".")[0] == "marketing"
}

_tracking_kind(use) := "advertising" if {
	is_string(use)
	parts := split(use, ".")
	parts[0] != "marketing"
	"advertising" in parts
}

_tracking_kind(use) := "profiling" if {
	is_string(use)
	parts := split(use, ".")
	parts[0] != "marketing"
	not "advertising" in parts
	_profiling(parts)
}

_profiling(parts) if "profiling" in parts

_profiling(parts) if "profiled" in parts
