# Data-category taxonomy helpers over data.ropa.reference.taxonomy.
package ropa.lib

_taxonomy_categories := data.ropa.reference.taxonomy.data_categories

# special_tag(key) is "art9" or "art10" when the data-category key, or its
# nearest tagged parent, carries that tag (children inherit the tag of their
# parent); undefined otherwise. Only the prefixes of key are looked up, longest
# first: the cost is the depth of the key, not the size of the taxonomy.
special_tag(key) := tags[0] if {
	is_string(key)
	parts := split(key, ".")
	tags := [tag |
		some n in numbers.range(count(parts), 1)
		tag := _taxonomy_categories[concat(".", array.slice(parts, 0, n))].special
	]
}

# highly_personal(key) holds when the data-category key, or one of its
# parents, carries the highly_personal tag: data of a highly personal nature
# in the sense of WP248 rev.01 (section III.B.a, criterion 4: beyond Art. 9
# and 10, e.g. location, financial data, private communications). Keys under
# a tagged key inherit the tag. Only the prefixes of key are looked up: the
# cost is the depth of the key.
highly_personal(key) if {
	is_string(key)
	parts := split(key, ".")
	some n in numbers.range(1, count(parts))
	_taxonomy_categories[concat(".", array.slice(parts, 0, n))].highly_personal == true
}
