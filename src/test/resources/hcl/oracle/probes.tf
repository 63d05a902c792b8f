# Probe rows of hcl-parser-notes.md section 1.3.
locals {
  t1  = azurerm_subnet.x.id
  t2  = x[0].id
  t3  = x["k"]
  t4  = each.value.n
  t5  = azurerm.secondary
  q1  = "${azurerm_subnet.x.id}"
  c1  = lower(var.name)
  c2  = merge(local.tags, { a = 1 })
  c3  = try(var.s.x, true)
  c4  = cidrsubnet(var.cidr, 8, 1)
  c5  = lower("ABC")
  c6  = format("%s-%s", "a", "b")
  c7  = length([1, 2])
  j1  = jsonencode({ a = var.x })
  k1  = var.c ? 1 : 0
  k2  = var.x == "a" ? false : true
  k3  = var.b == null
  k4  = var.x && var.y
  n1  = 1 + 2 * 3
  n2  = 1e3
  n3  = -5
  n4  = !true
  n5  = var.n - 1
  n6  = 10 - 3 - 2
  fo1 = [for s in azurerm_subnet.all : s.id]
  fo2 = { for k, v in var.m : k => v.name }
  s1  = x[*].id
  s2  = x.*.id
  h1  = <<EOT
a ${var.x} b
EOT
  h2  = <<-EOT
    first
      second ${var.y}
    EOT
  m1  = "${var.prefix}-rg"
  m2  = "rg-${var.env}-${lower(var.r)}"
  m3  = "n-${count.index}"
  d1  = "%{ if var.x }a%{ endif }"
  e1  = "a\nb\tc\"d\\e"
  e2  = "$${literal} %%{x}"
  e3  = "\u00e9"
  o1  = { (var.key) = v }
  o2  = { 22 = { a = 1 } }
}

variable "sku" {
  validation {
    condition = contains(["a", "b"], var.sku)
  }
}
