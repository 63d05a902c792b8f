terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = ">= 3.0" }
  }
}

resource "azurerm_x" "y" { name = "single" }

resource azurerm_bare label {
  count = length(var.list) > 0 ? 1 : 0
  tags = {
    a = 1, b = 2
    "quoted key" = true
    nested = { deep = [1, 2.5, -3, null] }
  }
  dynamic "rule" {
    for_each = var.rules
    content {
      name     = rule.value.name
      priority = rule.key + 100
    }
  }
  list = [
    "a",
    "b", # trailing comment
    /* inline */ "c",
  ]
  call   = concat(var.a, var.b...)
  prov   = provider::azurerm::normalise_resource_id(var.id)
  grp    = { for v in var.l : v.k => v... }
  idx    = element(var.l, 0)[1].x
  splat2 = var.l[*].a[0]
  legacy = var.l.0.name
  neg    = -var.n
  notv   = !var.b
  mod    = 7 % 3 / 2 * 1
  cmp    = 1 <= 2 || 3 >= 4 && 5 != 6
  paren  = (1 + 2) * 3
  tpl1   = "%{ for i, v in var.l ~}${i}=${v} %{ endfor ~}"
  tpl2   = "x ${~ var.a ~} y"
  tpl3   = "%{ if var.a }yes%{ else }no%{ endif }"
  strip  = <<-EOT
    line one
      %{~ if var.b ~}
    line two
    %{~ endif ~}
  EOT
  bigint = 12345678901234567890
  frac   = 0.000001
  ident-with-dash = "ok"
}
