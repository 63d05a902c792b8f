# F01..F14 from hcl-parser-notes.md section 2, written out as a file for the oracle comparison.
locals {
  f01 = { for k, v in var.x : k => merge(try(v.a, {})) }
  f02 = {
    for k, v in var.m : k => [
      for a in try(v.s, {}) : a
    ]
  }
  f03 = {
    for k, v in var.x : k => {
      n = v.name
    }
    if try(v.enabled, false) == true
  }
  f04 = { (var.key) = "v" }
  f05 = azurerm_subnet.s.*.id
  f06 = var.count - 1
  f07 = { for a in var.l : "${a.x}-${a.y}" => a }
  f08 = join("_", list(var.a, ""))
  f09 = "caf\u00e9"
  a   = var.settings
  f10 = local.a.name
  f11 = join("-", [var.prefix, "c"])
  f12 = [for v in can(var.x) ? var.a : var.b : {
    data : v
    }
  ]
  f14 = { 22 = { a = 1 } }
}

variable "prefix" {}

variable "f13" {
  type = object({ s = optional(list(
    object({ a = string })
  ), []) })
}
