<?xml version="1.0" encoding="UTF-8"?>
<!--
  view-to-html.xsl: the render view (urn:ccdafhir:view, see cda-to-view.xsl) -> one
  self-contained HTML page: inline CSS, no scripts, no external resources, and a
  Content-Security-Policy that forbids them even if a narrative slipped one through.

  Page: patient banner, document metadata, table of contents, then every section in document
  order (nested sections nested, with a heading level per depth up to h6). Anchors are
  "ccdafhir-s" + the section's position among all sections, so they cannot collide with ids
  kept from the narratives (the engine removes narrative ids that start with "ccdafhir-").

  The narrative divs arrive already sanitised by the engine (render/sanitize.cc): they are
  copied element by element into the page, out of the XHTML namespace (HTML output).
  The engine writes the doctype line itself; output is otherwise exactly what this produces.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:view="urn:ccdafhir:view"
    xmlns:h="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="view h">

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:template match="/">
    <xsl:apply-templates select="view:document"/>
  </xsl:template>

  <xsl:template match="view:document">
    <html lang="en">
      <head>
        <meta http-equiv="Content-Security-Policy"
              content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:value-of select="view:title"/>
          <xsl:if test="view:patient[1]/view:name != ''"> — <xsl:value-of select="view:patient[1]/view:name"/></xsl:if>
        </title>
        <style><xsl:call-template name="css"/></style>
      </head>
      <body>
        <header class="banner">
          <xsl:apply-templates select="view:patient"/>
          <xsl:if test="not(view:patient)">
            <div class="patient"><p class="patient-name">No patient named in the document</p></div>
          </xsl:if>
        </header>
        <main>
          <h1 class="doc-title"><xsl:value-of select="view:title"/></h1>
          <dl class="meta">
            <xsl:call-template name="meta-row"><xsl:with-param name="label" select="'Type'"/><xsl:with-param name="values" select="view:type"/></xsl:call-template>
            <xsl:call-template name="meta-row"><xsl:with-param name="label" select="'Date'"/><xsl:with-param name="values" select="view:date"/></xsl:call-template>
            <xsl:call-template name="meta-row"><xsl:with-param name="label" select="'Author'"/><xsl:with-param name="values" select="view:author"/></xsl:call-template>
            <xsl:call-template name="meta-row"><xsl:with-param name="label" select="'Custodian'"/><xsl:with-param name="values" select="view:custodian"/></xsl:call-template>
          </dl>
          <xsl:for-each select="view:body-note">
            <p class="note"><xsl:value-of select="."/></p>
          </xsl:for-each>
          <xsl:if test="view:section">
            <nav class="toc" aria-label="Contents">
              <h2>Contents</h2>
              <ol>
                <xsl:apply-templates select="view:section" mode="toc"/>
              </ol>
            </nav>
            <xsl:apply-templates select="view:section"/>
          </xsl:if>
          <xsl:if test="not(view:section) and not(view:body-note)">
            <p class="note">This document has no sections.</p>
          </xsl:if>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- ============================================================ banner and metadata -->

  <xsl:template match="view:patient">
    <div class="patient">
      <p class="patient-name">
        <xsl:choose>
          <xsl:when test="normalize-space(view:name) != ''"><xsl:value-of select="view:name"/></xsl:when>
          <xsl:otherwise>Name not given</xsl:otherwise>
        </xsl:choose>
      </p>
      <dl class="patient-facts">
        <xsl:call-template name="meta-row"><xsl:with-param name="label" select="'Born'"/><xsl:with-param name="values" select="view:birth-date"/></xsl:call-template>
        <xsl:call-template name="meta-row"><xsl:with-param name="label" select="'Sex'"/><xsl:with-param name="values" select="view:sex"/></xsl:call-template>
        <xsl:call-template name="meta-row"><xsl:with-param name="label" select="'ID'"/><xsl:with-param name="values" select="view:id"/></xsl:call-template>
      </dl>
    </div>
  </xsl:template>

  <!-- one dt/dd pair per value set; several values are listed in one dd, one per line -->
  <xsl:template name="meta-row">
    <xsl:param name="label"/>
    <xsl:param name="values"/>
    <xsl:if test="$values[normalize-space(.) != '']">
      <div class="row">
        <dt><xsl:value-of select="$label"/></dt>
        <dd>
          <xsl:for-each select="$values[normalize-space(.) != '']">
            <xsl:if test="position() &gt; 1"><br/></xsl:if>
            <xsl:value-of select="."/>
          </xsl:for-each>
        </dd>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ contents and sections -->

  <xsl:template name="anchor">
    <xsl:value-of select="concat('ccdafhir-s', count(preceding::view:section) + count(ancestor::view:section) + 1)"/>
  </xsl:template>

  <xsl:template match="view:section" mode="toc">
    <li>
      <a>
        <xsl:attribute name="href">#<xsl:call-template name="anchor"/></xsl:attribute>
        <xsl:value-of select="view:title"/>
      </a>
      <xsl:if test="view:section">
        <ol><xsl:apply-templates select="view:section" mode="toc"/></ol>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template match="view:section">
    <xsl:variable name="depth" select="count(ancestor::view:section) + 2"/>
    <xsl:variable name="level">
      <xsl:choose>
        <xsl:when test="$depth &gt; 6">6</xsl:when>
        <xsl:otherwise><xsl:value-of select="$depth"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <section class="section">
      <xsl:attribute name="id"><xsl:call-template name="anchor"/></xsl:attribute>
      <xsl:element name="{concat('h', $level)}">
        <xsl:attribute name="class">section-title</xsl:attribute>
        <xsl:value-of select="view:title"/>
      </xsl:element>
      <xsl:choose>
        <xsl:when test="view:narrative">
          <div class="narrative"><xsl:apply-templates select="view:narrative/h:div/node()" mode="copy"/></div>
        </xsl:when>
        <xsl:when test="view:empty-reason">
          <p class="note"><xsl:value-of select="view:empty-reason"/></p>
        </xsl:when>
        <xsl:when test="view:narrative-note">
          <p class="note"><xsl:value-of select="view:narrative-note"/></p>
        </xsl:when>
        <xsl:when test="not(view:section)">
          <p class="note">No narrative text.</p>
        </xsl:when>
      </xsl:choose>
      <xsl:apply-templates select="view:section"/>
    </section>
  </xsl:template>

  <!-- sanitised XHTML -> HTML elements of the same name, attributes as they are -->
  <xsl:template match="*" mode="copy">
    <xsl:element name="{local-name()}">
      <xsl:for-each select="@*[namespace-uri() = '']">
        <xsl:attribute name="{local-name()}"><xsl:value-of select="."/></xsl:attribute>
      </xsl:for-each>
      <xsl:apply-templates mode="copy"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="text()" mode="copy"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="comment() | processing-instruction()" mode="copy"/>

  <!-- ============================================================ style -->

  <xsl:template name="css">
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1d2733; background: #f4f6f8; }
.banner { background: #1f4e79; color: #fff; padding: 14px 28px; display: flex; flex-wrap: wrap; gap: 8px 48px; }
.patient-name { font-size: 22px; font-weight: bold; margin: 0 0 4px 0; }
.patient-facts { display: flex; flex-wrap: wrap; gap: 2px 28px; margin: 0; }
.patient-facts .row { display: flex; gap: 6px; }
.patient-facts dt { opacity: .75; }
.patient-facts dd { margin: 0; font-weight: bold; }
main { max-width: 1100px; margin: 0 auto; padding: 20px 28px 48px; }
.doc-title { font-size: 26px; margin: 8px 0 12px; color: #1f4e79; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 0 0 20px; padding: 12px 16px; background: #fff; border: 1px solid #d5dde5; border-radius: 6px; }
.meta .row { display: contents; }
.meta dt { color: #5b6b7b; }
.meta dd { margin: 0; }
.toc { background: #fff; border: 1px solid #d5dde5; border-radius: 6px; padding: 8px 16px 12px; margin-bottom: 20px; }
.toc h2 { font-size: 16px; margin: 4px 0 6px; }
.toc ol { margin: 0; padding-left: 22px; }
.toc a { color: #1f4e79; text-decoration: none; }
.toc a:hover { text-decoration: underline; }
.section { background: #fff; border: 1px solid #d5dde5; border-radius: 6px; padding: 4px 18px 14px; margin: 0 0 16px; }
.section .section { border: 0; border-left: 3px solid #d5dde5; border-radius: 0; padding: 0 0 4px 14px; margin: 12px 0 8px; }
.section-title { color: #1f4e79; border-bottom: 1px solid #e3e8ee; padding-bottom: 4px; }
h2.section-title { font-size: 19px; }
h3.section-title, h4.section-title, h5.section-title, h6.section-title { font-size: 16px; border-bottom: 0; }
.narrative table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 14px; }
.narrative th, .narrative td { border: 1px solid #cfd8e1; padding: 4px 8px; text-align: left; vertical-align: top; }
.narrative thead th, .narrative th { background: #eef2f6; }
.narrative tbody tr:nth-child(even) td { background: #f9fbfc; }
.narrative caption { text-align: left; font-weight: bold; padding: 4px 0; }
.narrative img { max-width: 100%; }
.note { color: #5b6b7b; font-style: italic; }
.cda-generated { color: #5b6b7b; }
@media print { body { background: #fff; } .banner { color: #000; background: #fff; border-bottom: 2px solid #000; } .toc { display: none; } .section { border: 0; } }
</xsl:template>

</xsl:stylesheet>
