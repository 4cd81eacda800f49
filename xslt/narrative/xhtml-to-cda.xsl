<?xml version="1.0" encoding="UTF-8"?>
<!--
  xhtml-to-cda.xsl: FHIR R4 Narrative XHTML div -> CDA R2 narrative block (section/text).
  The reverse of cda-to-xhtml.xsl (spec mappingGuidance.md "Narrative Text": "The reverse
  conversion (from FHIR HTML to CDA Narrative) is also possible, but only the elements allowed
  by the CDA Narrative may be used").

  Input:  a document whose root element is {http://www.w3.org/1999/xhtml}div.
  Output: one element, <text xmlns="urn:hl7-org:v3">, valid against NarrativeBlock.xsd. Every
          text node of the div is kept, except the text cda-to-xhtml.xsl generated itself
          (elements with class cda-generated: footnote numbers, multimedia placeholders).

  The CDA content model decides what an element may become, so templates run in four modes:
    flow    (text, item, footnote, td, th) paragraph, list, table and everything inline; a table
            inside a cell (td cannot hold one) is flattened into a paragraph per row
    inline  (paragraph, content)    content, linkHtml, sub, sup, br, footnote, footnoteRef
    text    (sub, sup, linkHtml)    text only
    caption (caption)               text, linkHtml, sub, sup
  An element that its context cannot hold keeps its text in the nearest form that fits.

  Element mapping:
    div, blockquote, pre, section-like blocks -> paragraph (or their content, when they hold blocks)
    p                        -> paragraph (content in inline contexts)
    h1..h6                   -> paragraph with <content styleCode="Bold">
    span                     -> content; span.cda-footnote -> footnote; span.cda-revised-insert/
                                delete -> content @revised; span.cda-generated -> dropped
    b/strong, i/em, u        -> content styleCode Bold / Italics / Underline
    ul / ol, li              -> list listType unordered / ordered, item
    table, caption, col, colgroup, thead, tbody, tfoot, tr, th, td -> the same CDA names (rows
                                outside a tbody are put in one; a table without rows keeps only its
                                caption text, as a paragraph)
    a                        -> linkHtml (href, name, title, rel, rev)
    sup.cda-footnote-ref a   -> footnoteRef (only when the footnote is in this div: IDREF must resolve)
    br, sub, sup             -> br, sub, sup
    img                      -> its alt text in a content (a renderMultiMedia needs an
                                observationMedia entry to refer to, which the narrative does not have)
    anything else            -> its content
  Attributes: id -> ID (first occurrence of a value that is an NCName), lang -> language,
  class -> styleCode (tokens that are NMTOKENs and not cda-* classes this project generates),
  table/col/row/cell attributes of the same names as in NarrativeBlock.xsd.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns="urn:hl7-org:v3"
    exclude-result-prefixes="h">

  <xsl:output method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="yes"/>

  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>
  <xsl:variable name="name-chars"
      select="'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-'"/>
  <xsl:variable name="name-start" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_'"/>
  <xsl:variable name="blocks"
      select="'|div|p|ul|ol|table|h1|h2|h3|h4|h5|h6|blockquote|pre|dl|hr|'"/>

  <xsl:key name="by-id" match="*[@id]" use="@id"/>
  <xsl:key name="footnote" match="h:span[contains(concat(' ', normalize-space(@class), ' '), ' cda-footnote ')][@id]" use="@id"/>

  <!-- ============================================================ root -->

  <xsl:template match="/">
    <xsl:apply-templates select="h:div" mode="root"/>
  </xsl:template>

  <xsl:template match="h:div" mode="root">
    <text>
      <xsl:call-template name="common"/>
      <xsl:apply-templates mode="flow"/>
    </text>
  </xsl:template>

  <!-- ============================================================ shared predicates -->

  <!-- ID (first occurrence, NCName only), language, styleCode -->
  <xsl:template name="common">
    <xsl:param name="extra-style" select="''"/>
    <xsl:variable name="id" select="normalize-space(@id)"/>
    <xsl:if test="$id != '' and generate-id(key('by-id', @id)[1]) = generate-id(.)
                  and translate(substring($id, 1, 1), $name-start, '') = ''
                  and translate($id, $name-chars, '') = ''">
      <xsl:attribute name="ID"><xsl:value-of select="$id"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="normalize-space(@lang) != '' and translate(normalize-space(@lang), $name-chars, '') = ''">
      <xsl:attribute name="language"><xsl:value-of select="normalize-space(@lang)"/></xsl:attribute>
    </xsl:if>
    <xsl:variable name="codes">
      <xsl:call-template name="style-codes">
        <xsl:with-param name="rest" select="concat(normalize-space(@class), ' ')"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="all" select="normalize-space(concat($codes, ' ', $extra-style))"/>
    <xsl:if test="$all != ''">
      <xsl:attribute name="styleCode"><xsl:value-of select="$all"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- class tokens that can be styleCode NMTOKENs; the cda-* classes cda-to-xhtml.xsl adds are not data -->
  <xsl:template name="style-codes">
    <xsl:param name="rest"/>
    <xsl:if test="normalize-space($rest) != ''">
      <xsl:variable name="token" select="substring-before($rest, ' ')"/>
      <xsl:if test="$token != '' and not(starts-with($token, 'cda-'))
                    and translate($token, concat($name-chars, ':'), '') = ''">
        <xsl:value-of select="concat($token, ' ')"/>
      </xsl:if>
      <xsl:call-template name="style-codes">
        <xsl:with-param name="rest" select="substring-after($rest, ' ')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="emphasis-style">
    <xsl:choose>
      <xsl:when test="self::h:b or self::h:strong">Bold</xsl:when>
      <xsl:when test="self::h:i or self::h:em">Italics</xsl:when>
      <xsl:when test="self::h:u">Underline</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ generated text: dropped everywhere -->

  <xsl:template mode="flow" match="h:*[contains(concat(' ', normalize-space(@class), ' '), ' cda-generated ')][not(self::h:sup[contains(concat(' ', normalize-space(@class), ' '), ' cda-footnote-ref ')])]"/>
  <xsl:template mode="flow" match="comment() | processing-instruction()"/>
  <xsl:template mode="inline" match="h:*[contains(concat(' ', normalize-space(@class), ' '), ' cda-generated ')][not(self::h:sup[contains(concat(' ', normalize-space(@class), ' '), ' cda-footnote-ref ')])]"/>
  <xsl:template mode="inline" match="comment() | processing-instruction()"/>
  <xsl:template mode="text" match="h:*[contains(concat(' ', normalize-space(@class), ' '), ' cda-generated ')][not(self::h:sup[contains(concat(' ', normalize-space(@class), ' '), ' cda-footnote-ref ')])]"/>
  <xsl:template mode="text" match="comment() | processing-instruction()"/>
  <xsl:template mode="caption" match="h:*[contains(concat(' ', normalize-space(@class), ' '), ' cda-generated ')][not(self::h:sup[contains(concat(' ', normalize-space(@class), ' '), ' cda-footnote-ref ')])]"/>
  <xsl:template mode="caption" match="comment() | processing-instruction()"/>

  <!-- ============================================================ flow (text, item, footnote) -->

  <xsl:template mode="flow" match="h:p | h:div | h:blockquote | h:pre | h:dl | h:dd | h:dt | h:address">
    <xsl:choose>
      <!-- a block of blocks: its content, in this same mode -->
      <xsl:when test="h:*[contains($blocks, concat('|', local-name(), '|'))]">
        <xsl:apply-templates mode="flow-through" select="."/>
      </xsl:when>
      <xsl:otherwise>
        <paragraph>
          <xsl:call-template name="common"/>
          <xsl:apply-templates mode="inline"/>
        </paragraph>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the block's id, when it has one, goes on an empty content ahead of its content -->
  <xsl:template mode="flow-through" match="*">
    <xsl:if test="@id">
      <content><xsl:call-template name="common"/></content>
    </xsl:if>
    <xsl:apply-templates mode="flow"/>
  </xsl:template>

  <xsl:template mode="flow" match="h:h1 | h:h2 | h:h3 | h:h4 | h:h5 | h:h6">
    <paragraph>
      <content>
        <xsl:call-template name="common">
          <xsl:with-param name="extra-style" select="'Bold'"/>
        </xsl:call-template>
        <xsl:apply-templates mode="inline"/>
      </content>
    </paragraph>
  </xsl:template>

  <xsl:template mode="flow" match="h:ul | h:ol">
    <xsl:choose>
      <xsl:when test="h:li or text()[normalize-space()] or h:*">
        <list>
          <xsl:call-template name="common"/>
          <xsl:if test="self::h:ol">
            <xsl:attribute name="listType">ordered</xsl:attribute>
          </xsl:if>
          <xsl:apply-templates mode="list"/>
        </list>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="@id">
          <content><xsl:call-template name="common"/></content>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template mode="flow" match="h:hr"/>

  <xsl:template mode="flow" match="h:table[not(ancestor::h:td or ancestor::h:th)]">
    <xsl:call-template name="table"/>
  </xsl:template>

  <!-- a table inside a cell (td cannot hold a table): one paragraph per row -->
  <xsl:template mode="flow" match="h:table">
    <xsl:if test="h:caption">
      <paragraph><xsl:apply-templates select="h:caption[1]/node()" mode="inline"/></paragraph>
    </xsl:if>
    <xsl:for-each select=".//h:tr[generate-id(ancestor::h:table[1]) = generate-id(current())]">
      <paragraph>
        <xsl:for-each select="h:td | h:th">
          <content><xsl:apply-templates mode="inline"/></content>
        </xsl:for-each>
      </paragraph>
    </xsl:for-each>
  </xsl:template>

  <!-- inline elements met in flow: the inline rules apply (text is allowed in flow) -->
  <xsl:template mode="flow" match="*">
    <xsl:apply-templates select="." mode="inline"/>
  </xsl:template>

  <!-- ============================================================ lists -->

  <xsl:template mode="list" match="h:li">
    <item>
      <xsl:call-template name="common"/>
      <xsl:apply-templates mode="flow"/>
    </item>
  </xsl:template>

  <!-- anything else in a list (not valid XHTML either) becomes an item of its own -->
  <xsl:template mode="list" match="*">
    <item><xsl:apply-templates select="." mode="flow"/></item>
  </xsl:template>

  <xsl:template mode="list" match="text()">
    <xsl:choose>
      <xsl:when test="normalize-space()">
        <item><xsl:value-of select="."/></item>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="."/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template mode="list" match="comment() | processing-instruction()"/>

  <!-- ============================================================ tables -->

  <xsl:template name="table">
    <xsl:variable name="body-rows" select="h:tbody/h:tr | h:tr"/>
    <xsl:variable name="all-rows" select="$body-rows | h:thead/h:tr | h:tfoot/h:tr"/>
    <xsl:choose>
      <xsl:when test="not($all-rows[h:td or h:th])">
        <!-- no cells: CDA requires a tbody with rows, so only the caption text is kept -->
        <xsl:if test="h:caption[normalize-space()] or @id">
          <paragraph>
            <xsl:call-template name="common"/>
            <xsl:apply-templates select="h:caption[1]/node()" mode="inline"/>
          </paragraph>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <table>
          <xsl:call-template name="common"/>
          <xsl:copy-of select="@summary | @width | @border | @frame | @rules | @cellspacing | @cellpadding"/>
          <xsl:for-each select="h:caption[1]">
            <xsl:call-template name="space-before"/>
            <caption>
              <xsl:call-template name="common"/>
              <xsl:apply-templates mode="caption"/>
            </caption>
          </xsl:for-each>
          <xsl:choose>
            <xsl:when test="h:colgroup">
              <xsl:for-each select="h:colgroup">
                <xsl:call-template name="space-before"/>
                <xsl:apply-templates select="." mode="table"/>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <xsl:for-each select="h:col">
                <xsl:call-template name="space-before"/>
                <xsl:apply-templates select="." mode="table"/>
              </xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:choose>
            <xsl:when test="$body-rows[h:td or h:th]">
              <xsl:for-each select="h:thead[h:tr[h:td or h:th]][1] | h:tfoot[h:tr[h:td or h:th]][1]">
                <xsl:sort select="count(self::h:tfoot)" data-type="number"/>
                <xsl:call-template name="space-before"/>
                <xsl:apply-templates select="." mode="table"/>
              </xsl:for-each>
              <xsl:for-each select="h:tbody[h:tr[h:td or h:th]]">
                <xsl:call-template name="space-before"/>
                <tbody>
                  <xsl:call-template name="common"/>
                  <xsl:copy-of select="@align | @char | @charoff | @valign"/>
                  <xsl:apply-templates select="h:tr[h:td or h:th] | text()[not(normalize-space())]" mode="table"/>
                </tbody>
              </xsl:for-each>
              <xsl:if test="h:tr[h:td or h:th]">
                <tbody>
                  <xsl:for-each select="h:tr[h:td or h:th]">
                    <xsl:call-template name="space-before"/>
                    <xsl:apply-templates select="." mode="table"/>
                  </xsl:for-each>
                </tbody>
              </xsl:if>
              <!-- later thead/tfoot sections (one each in CDA) join the body -->
              <xsl:if test="count(h:thead[h:tr[h:td or h:th]]) &gt; 1 or count(h:tfoot[h:tr[h:td or h:th]]) &gt; 1">
                <tbody>
                  <xsl:apply-templates select="(h:thead|h:tfoot)[position() &gt; 1]/h:tr[h:td or h:th]" mode="table"/>
                </tbody>
              </xsl:if>
            </xsl:when>
            <xsl:otherwise>
              <!-- header/footer rows only: they are the body -->
              <tbody>
                <xsl:apply-templates select="$all-rows[h:td or h:th]" mode="table"/>
              </tbody>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:for-each select="node()[last()][self::text()][not(normalize-space())]">
            <xsl:value-of select="."/>
          </xsl:for-each>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The whitespace just before a table part, written where it stood: a table's parts are
       written in CDA order, and whitespace kept in place makes the transform a fixpoint (FHIR ->
       CDA -> FHIR -> CDA gives the same table twice). -->
  <xsl:template name="space-before">
    <xsl:for-each select="preceding-sibling::node()[1][self::text()][not(normalize-space())]">
      <xsl:value-of select="."/>
    </xsl:for-each>
  </xsl:template>

  <!-- whitespace between rows and cells is kept (element-only content allows it): cell texts stay apart -->
  <xsl:template mode="table" match="text()">
    <xsl:value-of select="."/>
  </xsl:template>

  <xsl:template mode="table" match="h:colgroup">
    <colgroup>
      <xsl:call-template name="common"/>
      <xsl:copy-of select="@span | @width | @align | @char | @charoff | @valign"/>
      <xsl:apply-templates select="h:col | text()[not(normalize-space())]" mode="table"/>
    </colgroup>
  </xsl:template>

  <xsl:template mode="table" match="h:col">
    <col>
      <xsl:call-template name="common"/>
      <xsl:copy-of select="@span | @width | @align | @char | @charoff | @valign"/>
    </col>
  </xsl:template>

  <xsl:template mode="table" match="h:thead | h:tfoot">
    <xsl:element name="{local-name()}">
      <xsl:call-template name="common"/>
      <xsl:copy-of select="@align | @char | @charoff | @valign"/>
      <xsl:apply-templates select="h:tr[h:td or h:th] | text()[not(normalize-space())]" mode="table"/>
    </xsl:element>
  </xsl:template>

  <xsl:template mode="table" match="h:tr">
    <tr>
      <xsl:call-template name="common"/>
      <xsl:copy-of select="@align | @char | @charoff | @valign"/>
      <xsl:apply-templates select="h:td | h:th | text()[not(normalize-space())]" mode="table"/>
    </tr>
  </xsl:template>

  <xsl:template mode="table" match="h:td | h:th">
    <xsl:element name="{local-name()}">
      <xsl:call-template name="common"/>
      <xsl:copy-of select="@abbr | @axis | @rowspan | @colspan | @align | @char | @charoff | @valign"/>
      <xsl:if test="@scope = 'row' or @scope = 'col' or @scope = 'rowgroup' or @scope = 'colgroup'">
        <xsl:copy-of select="@scope"/>
      </xsl:if>
      <xsl:apply-templates mode="flow"/>
    </xsl:element>
  </xsl:template>

  <!-- ============================================================ inline -->

  <xsl:template mode="inline" match="h:span | h:b | h:strong | h:i | h:em | h:u | h:small | h:big
                                     | h:code | h:samp | h:kbd | h:var | h:cite | h:q | h:abbr
                                     | h:acronym | h:dfn | h:tt | h:s | h:strike | h:del | h:ins | h:font">
    <xsl:variable name="class" select="concat(' ', normalize-space(@class), ' ')"/>
    <xsl:choose>
      <xsl:when test="contains($class, ' cda-footnote ')">
        <footnote>
          <xsl:call-template name="common"/>
          <xsl:apply-templates mode="footnote"/>
        </footnote>
      </xsl:when>
      <xsl:otherwise>
        <content>
          <xsl:call-template name="common">
            <xsl:with-param name="extra-style">
              <xsl:call-template name="emphasis-style"/>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:choose>
            <xsl:when test="contains($class, ' cda-revised-insert ') or self::h:ins">
              <xsl:attribute name="revised">insert</xsl:attribute>
            </xsl:when>
            <xsl:when test="contains($class, ' cda-revised-delete ') or self::h:del">
              <xsl:attribute name="revised">delete</xsl:attribute>
            </xsl:when>
          </xsl:choose>
          <xsl:apply-templates mode="inline"/>
        </content>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a footnote's content is flow, less footnotes of its own -->
  <xsl:template mode="footnote" match="node()">
    <xsl:apply-templates select="." mode="flow"/>
  </xsl:template>

  <xsl:template mode="inline" match="h:br">
    <br/>
  </xsl:template>

  <xsl:template mode="inline" match="h:sub | h:sup">
    <xsl:choose>
      <xsl:when test="self::h:sup and contains(concat(' ', normalize-space(@class), ' '), ' cda-footnote-ref ')">
        <xsl:variable name="target" select="substring-after(normalize-space(h:a/@href), '#')"/>
        <xsl:if test="$target != '' and key('footnote', $target)">
          <footnoteRef IDREF="{$target}"/>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{local-name()}">
          <xsl:call-template name="common"/>
          <xsl:apply-templates mode="text"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template mode="inline" match="h:a">
    <linkHtml>
      <xsl:call-template name="common"/>
      <xsl:copy-of select="@href | @name | @title | @rel | @rev"/>
      <xsl:apply-templates mode="text"/>
    </linkHtml>
  </xsl:template>

  <xsl:template mode="inline" match="h:img">
    <xsl:if test="normalize-space(@alt) != '' or @id">
      <content>
        <xsl:call-template name="common"/>
        <xsl:value-of select="@alt"/>
      </content>
    </xsl:if>
  </xsl:template>

  <!-- blocks inside inline content keep their text in a content; a list item each in its own -->
  <xsl:template mode="inline" match="h:p | h:div | h:blockquote | h:pre | h:h1 | h:h2 | h:h3 | h:h4
                                     | h:h5 | h:h6 | h:ul | h:ol | h:li | h:dl | h:dd | h:dt
                                     | h:table | h:caption | h:thead | h:tbody | h:tfoot | h:tr
                                     | h:td | h:th | h:address">
    <content>
      <xsl:call-template name="common"/>
      <xsl:apply-templates mode="inline"/>
    </content>
  </xsl:template>

  <xsl:template mode="inline" match="h:hr | h:col | h:colgroup"/>

  <!-- any other element: its content -->
  <xsl:template mode="inline" match="*">
    <xsl:apply-templates mode="inline"/>
  </xsl:template>

  <!-- ============================================================ text-only (sub, sup, linkHtml) -->

  <xsl:template mode="text" match="h:br">
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template mode="text" match="*">
    <xsl:apply-templates mode="text"/>
  </xsl:template>

  <!-- ============================================================ captions -->

  <xsl:template mode="caption" match="h:a">
    <linkHtml>
      <xsl:call-template name="common"/>
      <xsl:copy-of select="@href | @name | @title | @rel | @rev"/>
      <xsl:apply-templates mode="text"/>
    </linkHtml>
  </xsl:template>

  <xsl:template mode="caption" match="h:sub | h:sup">
    <xsl:element name="{local-name()}">
      <xsl:call-template name="common"/>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template mode="caption" match="h:br">
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template mode="caption" match="*">
    <xsl:apply-templates mode="caption"/>
  </xsl:template>

</xsl:stylesheet>
