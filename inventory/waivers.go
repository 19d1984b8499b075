package inventory

// Waivers decodes the waivers section only, in file order. An audit needs
// nothing else from the typed model, and decoding the whole Model costs as
// much as a tenth of the load on a large inventory.
func (inv *Inventory) Waivers() []Waiver {
	return decodeList[Waiver](inv.index, "waivers")
}
