<?xml version="1.0" encoding="UTF-8"?>
<!--
  cda-to-xhtml.xsl: CDA R2 narrative block (section/text) -> FHIR R4 Narrative XHTML div.

  Input:  a document whose root element is {urn:hl7-org:v3}text (the engine copies the
          section/text subtree into a fresh document before applying this stylesheet).
  Output: one element, <div xmlns="http://www.w3.org/1999/xhtml">, for Composition.section.text.div.
          No XML declaration, no indentation: text nodes are copied exactly as they are.

  Element mapping (NarrativeBlock.xsd -> XHTML, see spec mappingGuidance.md "Narrative Text"):
    text                        -> div (the root; text/@mediaType is dropped)
    paragraph                   -> p
    content                     -> span (@revised insert/delete -> class cda-revised-*, plus
                                   underline / line-through style; the text is always kept)
    list                        -> ol when @listType = 'ordered', otherwise ul
    item                        -> li
    table, caption, col, colgroup, thead, tbody, tfoot, tr, th, td -> the same XHTML names
    br, sub, sup                -> br, sub, sup
    caption outside a table     -> a leading caption of a paragraph or list becomes
                                   <p class="cda-caption"><b>..</b></p> placed just before the p/ul/ol;
                                   in an inline parent (content, linkHtml, sub, sup, renderMultiMedia,
                                   paragraph when not leading) <span class="cda-caption"><b>..</b></span>;
                                   anywhere else (item, td, th, footnote, ...) <p class="cda-caption"><b>..</b></p>
    linkHtml                    -> a; @href kept only when it starts with http://, https:// or #
                                   (case-insensitive, after trimming); @name, @title, @rel, @rev kept.
                                   With no usable href and no @name it becomes <span class="cda-link-dropped">
    footnote                    -> <span class="cda-footnote" id=".."><sup class="cda-generated">N</sup>..</span>
                                   (N = position of the footnote in the narrative; a footnote without
                                   an ID gets id "cda-footnote-N" unless that value is already an ID)
    footnoteRef                 -> <sup class="cda-footnote-ref cda-generated"><a href="#IDREF">N</a></sup>
                                   (no link when no footnote in the narrative has that ID)
    renderMultiMedia            -> <span class="cda-multimedia"><span class="cda-generated">[multimedia: IDS]</span>
                                   caption?</span>; nothing is loaded, no img is produced
    any other element (unknown CDA names, elements in other namespaces, including XHTML)
                                -> replaced by its content; when it carries a (first) ID the content
                                   is wrapped in a span that keeps the id
    comments, processing instructions -> dropped

  Attributes:
    @ID        -> @id, only on the first element (document order) that carries that value,
                  so ids in the div are unique; the value is copied as-is (the engine refers to it as #value)
    @styleCode -> @class, tokens copied as-is (case kept, whitespace normalised). The standard CDA
                  tokens (matched case-insensitively) also produce an inline @style:
                  Bold, Italics, Underline, Emphasis, Lrule, Rrule, Toprule, Botrule and, on lists,
                  Arabic, LittleRoman, BigRoman, LittleAlpha, BigAlpha, Disc, Circle, Square.
                  Local tokens (xSecondary, ...) stay classes only.
    @language  -> @lang
    table: summary width border frame rules cellspacing cellpadding
    col/colgroup: span width align char charoff valign
    thead/tbody/tfoot/tr: align char charoff valign
    th/td: abbr axis headers scope rowspan colspan align char charoff valign
    Any other attribute (and every attribute in a namespace) is dropped.

  Classes this stylesheet adds itself all start with "cda-". Elements with class cda-generated
  hold text that is not in the CDA narrative (footnote numbers, multimedia placeholders);
  tools/check-narrative-xslt leaves them out when it compares text.

  Whitespace is copied through as the CDA has it. The engine (fhir/narrative.cc) then cuts the
  whitespace-only text directly inside table, thead, tbody, tfoot, tr, colgroup, ul and ol, which
  no browser renders, to one space (so that text content keeps cells apart), and drops an id
  repeated in a later section of the same document.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:v3="urn:hl7-org:v3"
    xmlns:nar="urn:ccdafhir:narratives"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="v3 nar">

  <xsl:output method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="yes"/>

  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>

  <!-- every element that carries an ID, in document order: the first one keeps the id -->
  <xsl:key name="by-id" match="*[@ID]" use="@ID"/>

  <!-- ============================================================ root -->

  <!-- The engine applies this stylesheet once per document: every section's narrative block
       becomes one div, in document order, inside a wrapper in a private namespace (so that each
       div carries its own xmlns when serialised alone). Given a lone <text> element as the
       document, the result is that single div (tools/check-narrative-xslt uses this). -->
  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="v3:text">
        <xsl:apply-templates select="v3:text" mode="narrative"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="narratives" namespace="urn:ccdafhir:narratives">
          <xsl:choose>
            <!-- the engine registers nar:section-texts(): the same nodes, from the walk it has
                 just made, so the whole document is not walked a second time here -->
            <xsl:when test="function-available('nar:section-texts')">
              <xsl:apply-templates select="nar:section-texts()" mode="narrative"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:apply-templates select="//v3:section/v3:text" mode="narrative"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="v3:text" mode="narrative">
    <div>
      <xsl:apply-templates select="@*" mode="attrs"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- ============================================================ block elements -->

  <!-- hot path first: most paragraphs and lists have no caption to lift out -->
  <xsl:template match="v3:paragraph[not(v3:caption)]">
    <p>
      <xsl:apply-templates select="@*" mode="attrs"/>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="v3:list[not(v3:caption)]">
    <xsl:choose>
      <xsl:when test="@listType and translate(normalize-space(@listType), $upper, $lower) = 'ordered'">
        <ol>
          <xsl:apply-templates select="@*" mode="attrs"/>
          <xsl:apply-templates/>
        </ol>
      </xsl:when>
      <xsl:otherwise>
        <ul>
          <xsl:apply-templates select="@*" mode="attrs"/>
          <xsl:apply-templates/>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="v3:paragraph">
    <xsl:variable name="lead" select="v3:caption[1][not(preceding-sibling::*)]
                                      [not(preceding-sibling::text()[normalize-space()])]"/>
    <xsl:apply-templates select="$lead" mode="caption-block"/>
    <p>
      <xsl:apply-templates select="@*" mode="attrs"/>
      <xsl:apply-templates select="node()[count(. | $lead) != count($lead)]"/>
    </p>
  </xsl:template>

  <xsl:template match="v3:list">
    <xsl:variable name="lead" select="v3:caption[1][not(preceding-sibling::*)]
                                      [not(preceding-sibling::text()[normalize-space()])]"/>
    <xsl:apply-templates select="$lead" mode="caption-block"/>
    <xsl:choose>
      <xsl:when test="translate(normalize-space(@listType), $upper, $lower) = 'ordered'">
        <ol>
          <xsl:apply-templates select="@*" mode="attrs"/>
          <xsl:apply-templates select="node()[count(. | $lead) != count($lead)]"/>
        </ol>
      </xsl:when>
      <xsl:otherwise>
        <ul>
          <xsl:apply-templates select="@*" mode="attrs"/>
          <xsl:apply-templates select="node()[count(. | $lead) != count($lead)]"/>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="v3:item">
    <li>
      <xsl:apply-templates select="@*" mode="attrs"/>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <!-- ============================================================ tables -->

  <!-- Most table cells, rows and bodies carry no attribute at all: xsl:if test="@*" skips the
       two attribute passes for them (each an apply-templates over an XPath @* selection). One
       template per name, without a predicate in the match pattern: libxslt evaluates a pattern
       predicate (td[not(@*)]) as a full XPath expression for every td it tries to match, four
       times what the xsl:if test costs. -->
  <xsl:template match="v3:table">
    <table>
      <xsl:apply-templates select="@*" mode="attrs"/>
      <xsl:apply-templates mode="pass-table" select="@*"/>
      <xsl:apply-templates/>
    </table>
  </xsl:template>

  <xsl:template match="v3:col">
    <col>
      <xsl:apply-templates select="@*" mode="attrs"/>
      <xsl:apply-templates mode="pass-col" select="@*"/>
      <xsl:apply-templates/>
    </col>
  </xsl:template>

  <xsl:template match="v3:colgroup">
    <colgroup>
      <xsl:apply-templates select="@*" mode="attrs"/>
      <xsl:apply-templates mode="pass-col" select="@*"/>
      <xsl:apply-templates/>
    </colgroup>
  </xsl:template>

  <xsl:template match="v3:thead">
    <thead>
      <xsl:if test="@*">
        <xsl:apply-templates select="@*" mode="attrs"/>
        <xsl:apply-templates mode="pass-row" select="@*"/>
      </xsl:if>
      <xsl:apply-templates/>
    </thead>
  </xsl:template>

  <xsl:template match="v3:tbody">
    <tbody>
      <xsl:if test="@*">
        <xsl:apply-templates select="@*" mode="attrs"/>
        <xsl:apply-templates mode="pass-row" select="@*"/>
      </xsl:if>
      <xsl:apply-templates/>
    </tbody>
  </xsl:template>

  <xsl:template match="v3:tfoot">
    <tfoot>
      <xsl:apply-templates select="@*" mode="attrs"/>
      <xsl:apply-templates mode="pass-row" select="@*"/>
      <xsl:apply-templates/>
    </tfoot>
  </xsl:template>

  <xsl:template match="v3:tr">
    <tr>
      <xsl:if test="@*">
        <xsl:apply-templates select="@*" mode="attrs"/>
        <xsl:apply-templates mode="pass-row" select="@*"/>
      </xsl:if>
      <xsl:apply-templates/>
    </tr>
  </xsl:template>

  <xsl:template match="v3:th">
    <th>
      <xsl:if test="@*">
        <xsl:apply-templates select="@*" mode="attrs"/>
        <xsl:apply-templates mode="pass-cell" select="@*"/>
      </xsl:if>
      <xsl:apply-templates/>
    </th>
  </xsl:template>

  <xsl:template match="v3:td">
    <td>
      <xsl:if test="@*">
        <xsl:apply-templates select="@*" mode="attrs"/>
        <xsl:apply-templates mode="pass-cell" select="@*"/>
      </xsl:if>
      <xsl:apply-templates/>
    </td>
  </xsl:template>

  <!-- ============================================================ captions -->

  <!-- a caption in a table stays an XHTML caption -->
  <xsl:template match="v3:table/v3:caption">
    <caption>
      <xsl:apply-templates select="@*" mode="attrs"/>
      <xsl:apply-templates/>
    </caption>
  </xsl:template>

  <!-- a caption in an inline parent (or a paragraph caption that is not leading) -->
  <xsl:template match="v3:caption[parent::v3:content or parent::v3:linkHtml or parent::v3:sub
                                  or parent::v3:sup or parent::v3:renderMultiMedia
                                  or parent::v3:paragraph or parent::v3:caption]">
    <span>
      <xsl:call-template name="common-attributes">
        <xsl:with-param name="extra-class" select="'cda-caption'"/>
      </xsl:call-template>
      <b><xsl:apply-templates/></b>
    </span>
  </xsl:template>

  <!-- a caption anywhere else, and the leading caption of a paragraph or list -->
  <xsl:template match="v3:caption">
    <xsl:apply-templates select="." mode="caption-block"/>
  </xsl:template>

  <xsl:template match="v3:caption" mode="caption-block">
    <p>
      <xsl:call-template name="common-attributes">
        <xsl:with-param name="extra-class" select="'cda-caption'"/>
      </xsl:call-template>
      <b><xsl:apply-templates/></b>
    </p>
  </xsl:template>

  <!-- ============================================================ inline elements -->

  <!-- hot path: content without revision marks -->
  <xsl:template match="v3:content[not(@revised)]">
    <span>
      <xsl:apply-templates select="@*" mode="attrs"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="v3:content">
    <xsl:variable name="revised" select="translate(normalize-space(@revised), $upper, $lower)"/>
    <span>
      <xsl:call-template name="common-attributes">
        <xsl:with-param name="extra-class">
          <xsl:if test="$revised = 'insert' or $revised = 'delete'">
            <xsl:value-of select="concat('cda-revised-', $revised)"/>
          </xsl:if>
        </xsl:with-param>
        <xsl:with-param name="extra-style">
          <xsl:if test="$revised = 'insert'">text-decoration: underline; </xsl:if>
          <xsl:if test="$revised = 'delete'">text-decoration: line-through; </xsl:if>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="v3:sub">
    <sub>
      <xsl:apply-templates select="@*" mode="attrs"/>
      <xsl:apply-templates/>
    </sub>
  </xsl:template>

  <xsl:template match="v3:sup">
    <sup>
      <xsl:apply-templates select="@*" mode="attrs"/>
      <xsl:apply-templates/>
    </sup>
  </xsl:template>

  <!-- br is empty in both models; stray content (invalid CDA) is kept after it -->
  <xsl:template match="v3:br">
    <br>
      <xsl:apply-templates select="@*" mode="attrs"/>
    </br>
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="v3:linkHtml">
    <xsl:variable name="href" select="normalize-space(@href)"/>
    <xsl:variable name="href-lc" select="translate($href, $upper, $lower)"/>
    <xsl:variable name="safe" select="starts-with($href-lc, 'http://') or starts-with($href-lc, 'https://')
                                      or starts-with($href, '#')"/>
    <xsl:choose>
      <xsl:when test="$safe or normalize-space(@name) != ''">
        <a>
          <xsl:apply-templates select="@*" mode="attrs"/>
          <xsl:if test="$safe">
            <xsl:attribute name="href"><xsl:value-of select="$href"/></xsl:attribute>
          </xsl:if>
          <xsl:apply-templates mode="pass" select="@name | @title | @rel | @rev"/>
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <!-- nothing left to link to (relative file, javascript:, data:, ...): keep the text -->
      <xsl:otherwise>
        <span>
          <xsl:call-template name="common-attributes">
            <xsl:with-param name="extra-class" select="'cda-link-dropped'"/>
          </xsl:call-template>
          <xsl:apply-templates mode="pass" select="@title"/>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ footnotes -->

  <xsl:template match="v3:footnote">
    <xsl:variable name="n"><xsl:number level="any" count="v3:footnote"/></xsl:variable>
    <span>
      <xsl:call-template name="common-attributes">
        <xsl:with-param name="extra-class" select="'cda-footnote'"/>
      </xsl:call-template>
      <xsl:if test="not(@ID) and not(key('by-id', concat('cda-footnote-', $n)))">
        <xsl:attribute name="id"><xsl:value-of select="concat('cda-footnote-', $n)"/></xsl:attribute>
      </xsl:if>
      <sup class="cda-generated"><xsl:value-of select="$n"/></sup>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="v3:footnoteRef">
    <xsl:variable name="target" select="key('by-id', @IDREF)[self::v3:footnote][1]"/>
    <sup>
      <xsl:call-template name="common-attributes">
        <xsl:with-param name="extra-class" select="'cda-footnote-ref cda-generated'"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="$target">
          <a href="{concat('#', @IDREF)}">
            <xsl:for-each select="$target"><xsl:number level="any" count="v3:footnote"/></xsl:for-each>
          </a>
        </xsl:when>
        <!-- no such footnote in this narrative: show the reference, link nowhere -->
        <xsl:when test="normalize-space(@IDREF) != ''">
          <xsl:value-of select="normalize-space(@IDREF)"/>
        </xsl:when>
        <xsl:otherwise>*</xsl:otherwise>
      </xsl:choose>
    </sup>
    <xsl:apply-templates/>
  </xsl:template>

  <!-- ============================================================ multimedia -->

  <!-- no image is produced: the referenced observationMedia is outside the narrative and
       nothing may be loaded from outside the div -->
  <xsl:template match="v3:renderMultiMedia">
    <span>
      <xsl:call-template name="common-attributes">
        <xsl:with-param name="extra-class" select="'cda-multimedia'"/>
      </xsl:call-template>
      <span class="cda-generated">
        <xsl:value-of select="concat('[multimedia: ', normalize-space(@referencedObject), ']')"/>
      </span>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- ============================================================ everything else -->

  <!-- unknown or foreign element: keep its content; keep its id on a span -->
  <xsl:template match="*">
    <xsl:choose>
      <xsl:when test="@ID">
        <span>
          <xsl:apply-templates select="@*" mode="attrs"/>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- text nodes: the built-in rule copies them (faster than a template of our own) -->

  <xsl:template match="comment() | processing-instruction()"/>

  <!-- Attributes each table element keeps (the rest are dropped): one @* selection per element
       and name-indexed template matches are much cheaper than a union of attribute steps. A
       kept attribute is in no namespace (the patterns match no other) and keeps its name, so
       xsl:copy copies it: no attribute value template, no value-of, no XPath evaluation. -->
  <xsl:template match="@summary | @width | @border | @frame | @rules | @cellspacing | @cellpadding" mode="pass-table">
    <xsl:copy/>
  </xsl:template>
  <xsl:template match="@span | @width | @align | @char | @charoff | @valign" mode="pass-col">
    <xsl:copy/>
  </xsl:template>
  <xsl:template match="@align | @char | @charoff | @valign" mode="pass-row">
    <xsl:copy/>
  </xsl:template>
  <xsl:template match="@abbr | @axis | @headers | @scope | @rowspan | @colspan | @align | @char | @charoff | @valign" mode="pass-cell">
    <xsl:copy/>
  </xsl:template>
  <xsl:template match="@*" mode="pass-table"/>
  <xsl:template match="@*" mode="pass-col"/>
  <xsl:template match="@*" mode="pass-row"/>
  <xsl:template match="@*" mode="pass-cell"/>

  <xsl:template match="@*" mode="pass">
    <xsl:copy/>
  </xsl:template>

  <!-- ============================================================ shared attributes -->

  <!-- The hot path: elements without an extra class apply these to the attributes they have,
       so elements with none (most table cells) cost nothing here. -->
  <!-- Every ID is kept here; the engine removes an id that repeats one earlier in the document
       (a whole-document key() index costs more than all the rest of the transform). -->
  <!-- other attributes are copied (or not) by the element's own "pass" rules -->
  <xsl:template match="@*" mode="attrs"/>

  <xsl:template match="@ID" mode="attrs">
    <xsl:attribute name="id"><xsl:value-of select="."/></xsl:attribute>
  </xsl:template>

  <xsl:template match="@language" mode="attrs">
    <xsl:if test="normalize-space(.) != ''">
      <xsl:attribute name="lang"><xsl:value-of select="normalize-space(.)"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- The general case (the tokens lower-cased, then one test per standard token) costs about
       six times a table cell without styleCode. The values most EHRs write are settled first
       by plain string comparisons: one standard token in its CDA spelling, or only local
       tokens (they start with x; no standard token does), one or two of them. -->
  <xsl:template match="@styleCode" mode="attrs">
    <xsl:variable name="class" select="normalize-space(.)"/>
    <xsl:if test="$class != ''">
      <xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute>
      <xsl:variable name="second" select="substring-after($class, ' ')"/>
      <xsl:choose>
        <xsl:when test="$class = 'Botrule'">
          <xsl:attribute name="style">border-bottom: 1px solid;</xsl:attribute>
        </xsl:when>
        <xsl:when test="$class = 'Bold'">
          <xsl:attribute name="style">font-weight: bold;</xsl:attribute>
        </xsl:when>
        <xsl:when test="$class = 'Italics'">
          <xsl:attribute name="style">font-style: italic;</xsl:attribute>
        </xsl:when>
        <xsl:when test="(starts-with($class, 'x') or starts-with($class, 'X'))
                        and ($second = '' or ((starts-with($second, 'x') or starts-with($second, 'X'))
                                              and not(contains($second, ' '))))"/>
        <xsl:otherwise>
          <xsl:for-each select="..">
            <xsl:variable name="style"><xsl:call-template name="style-from-stylecode"/></xsl:variable>
            <xsl:if test="normalize-space($style) != ''">
              <xsl:attribute name="style"><xsl:value-of select="normalize-space($style)"/></xsl:attribute>
            </xsl:if>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- id (first occurrence only), lang, class (styleCode tokens + extra-class), style -->
  <xsl:template name="common-attributes">
    <xsl:param name="extra-class" select="''"/>
    <xsl:param name="extra-style" select="''"/>
    <xsl:if test="@ID">
      <xsl:attribute name="id"><xsl:value-of select="@ID"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="@language and normalize-space(@language) != ''">
      <xsl:attribute name="lang"><xsl:value-of select="normalize-space(@language)"/></xsl:attribute>
    </xsl:if>
    <!-- most narrative elements carry no styleCode: skip the string work for them (hot path) -->
    <xsl:if test="@styleCode or $extra-class != ''">
      <xsl:variable name="class" select="normalize-space(concat(@styleCode, ' ', $extra-class))"/>
      <xsl:if test="$class != ''">
        <xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute>
      </xsl:if>
    </xsl:if>
    <xsl:if test="@styleCode or $extra-style != ''">
      <xsl:variable name="style">
        <xsl:call-template name="style-from-stylecode"/>
        <xsl:value-of select="$extra-style"/>
      </xsl:variable>
      <xsl:if test="normalize-space($style) != ''">
        <xsl:attribute name="style"><xsl:value-of select="normalize-space($style)"/></xsl:attribute>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- inline CSS for the standard CDA styleCode tokens (CDA R2 4.3.5.11); local tokens give nothing -->
  <xsl:template name="style-from-stylecode">
    <xsl:variable name="t" select="concat(' ', translate(normalize-space(@styleCode), $upper, $lower), ' ')"/>
    <xsl:if test="contains($t, ' bold ')">font-weight: bold; </xsl:if>
    <xsl:if test="contains($t, ' italics ') or contains($t, ' emphasis ')">font-style: italic; </xsl:if>
    <xsl:if test="contains($t, ' underline ')">text-decoration: underline; </xsl:if>
    <xsl:if test="contains($t, ' lrule ')">border-left: 1px solid; </xsl:if>
    <xsl:if test="contains($t, ' rrule ')">border-right: 1px solid; </xsl:if>
    <xsl:if test="contains($t, ' toprule ')">border-top: 1px solid; </xsl:if>
    <xsl:if test="contains($t, ' botrule ')">border-bottom: 1px solid; </xsl:if>
    <xsl:if test="self::v3:list">
      <xsl:choose>
        <xsl:when test="contains($t, ' arabic ')">list-style-type: decimal; </xsl:when>
        <xsl:when test="contains($t, ' littleroman ')">list-style-type: lower-roman; </xsl:when>
        <xsl:when test="contains($t, ' bigroman ')">list-style-type: upper-roman; </xsl:when>
        <xsl:when test="contains($t, ' littlealpha ')">list-style-type: lower-alpha; </xsl:when>
        <xsl:when test="contains($t, ' bigalpha ')">list-style-type: upper-alpha; </xsl:when>
        <xsl:when test="contains($t, ' disc ')">list-style-type: disc; </xsl:when>
        <xsl:when test="contains($t, ' circle ')">list-style-type: circle; </xsl:when>
        <xsl:when test="contains($t, ' square ')">list-style-type: square; </xsl:when>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
