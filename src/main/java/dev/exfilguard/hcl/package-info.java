/**
 * HCL native syntax (Terraform {@code .tf} and {@code .tfvars}) parser: source text in,
 * {@link dev.exfilguard.hcl.Body} with source ranges out. Entry point:
 * {@link dev.exfilguard.hcl.HclParser#parse}.
 *
 * <p>Follows HashiCorp's {@code hclsyntax/spec.md}; see the shared hcl-parser-notes for why the
 * project has its own parser. Choices a consumer should know:
 *
 * <ul>
 *   <li>Nothing is evaluated. {@code -5} is a {@link dev.exfilguard.hcl.UnaryOp} over 5, and
 *       {@code "abc"} is a {@link dev.exfilguard.hcl.TemplateExpr} with one literal part.
 *   <li>A variable and every attribute/index step after it form one
 *       {@link dev.exfilguard.hcl.ScopeTraversal}, whatever the index expression is; after any
 *       other expression each step wraps it in {@link dev.exfilguard.hcl.GetAttrExpr} or
 *       {@link dev.exfilguard.hcl.IndexExpr}. Splats end the traversal and become
 *       {@link dev.exfilguard.hcl.SplatExpr}.
 *   <li>Object keys written as bare identifiers are {@link dev.exfilguard.hcl.ObjectKey}
 *       (a literal name, as HCL reads them); other keys keep their expression.
 *   <li>Columns count UTF-16 chars; offsets index the string given to {@code parse}.
 *   <li>Nesting deeper than 500 levels (and operator chains longer than that) is a parse
 *       error, so hostile input cannot exhaust the stack.
 * </ul>
 */
package dev.exfilguard.hcl;
