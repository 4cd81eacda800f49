<?xml version="1.0" encoding="UTF-8"?>
<!--
  cda-to-view.xsl: a C-CDA document -> the render view (urn:ccdafhir:view), the small neutral
  vocabulary that view-to-html.xsl turns into the page. The engine builds the same view from a
  FHIR document Bundle in C++ (engine/src/render/bundle_view.cc), so both inputs share one page
  layout and one section order: the order of the document.

  View:
    document       title, type, date, author*, custodian?, patient*, body-note?, section*
    patient        name, birth-date?, sex?, id*
    section        title, narrative?, empty-reason?, section*  (nested sections keep their nesting)
    narrative      one XHTML div (from ../narrative/cda-to-xhtml.xsl, the same narrative the
                   forward conversion puts in Composition.section.text)

  Every value is plain text in the view; the page stylesheet escapes it on output. Dates are
  shown as written, reformatted only for readability (YYYY-MM-DD hh:mm +zzzz); nothing is
  converted between time zones.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:v3="urn:hl7-org:v3"
    xmlns:view="urn:ccdafhir:view"
    exclude-result-prefixes="v3">

  <xsl:import href="../narrative/cda-to-xhtml.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/">
    <xsl:apply-templates select="v3:ClinicalDocument"/>
  </xsl:template>

  <xsl:template match="v3:ClinicalDocument">
    <view:document>
      <view:title>
        <xsl:choose>
          <xsl:when test="normalize-space(v3:title) != ''">
            <xsl:value-of select="normalize-space(v3:title)"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="code-text"><xsl:with-param name="code" select="v3:code"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </view:title>
      <view:type>
        <xsl:call-template name="code-text"><xsl:with-param name="code" select="v3:code"/></xsl:call-template>
      </view:type>
      <view:date>
        <xsl:call-template name="ts"><xsl:with-param name="value" select="v3:effectiveTime/@value"/></xsl:call-template>
      </view:date>
      <xsl:for-each select="v3:author">
        <xsl:variable name="who">
          <xsl:call-template name="author-text"/>
        </xsl:variable>
        <xsl:if test="normalize-space($who) != ''">
          <view:author><xsl:value-of select="normalize-space($who)"/></view:author>
        </xsl:if>
      </xsl:for-each>
      <xsl:for-each select="v3:custodian/v3:assignedCustodian/v3:representedCustodianOrganization">
        <xsl:variable name="org">
          <xsl:call-template name="name-text"><xsl:with-param name="name" select="v3:name[1]"/></xsl:call-template>
        </xsl:variable>
        <xsl:if test="normalize-space($org) != ''">
          <view:custodian><xsl:value-of select="normalize-space($org)"/></view:custodian>
        </xsl:if>
      </xsl:for-each>
      <xsl:apply-templates select="v3:recordTarget/v3:patientRole"/>
      <xsl:for-each select="v3:component/v3:nonXMLBody">
        <view:body-note>
          <xsl:text>The body of this document is not structured XML (nonXMLBody</xsl:text>
          <xsl:if test="v3:text/@mediaType">
            <xsl:value-of select="concat(', ', v3:text/@mediaType)"/>
          </xsl:if>
          <xsl:text>) and is not shown here.</xsl:text>
        </view:body-note>
      </xsl:for-each>
      <xsl:apply-templates select="v3:component/v3:structuredBody/v3:component/v3:section"/>
    </view:document>
  </xsl:template>

  <!-- ============================================================ patient banner -->

  <xsl:template match="v3:patientRole">
    <view:patient>
      <view:name>
        <xsl:call-template name="name-text"><xsl:with-param name="name" select="v3:patient/v3:name[1]"/></xsl:call-template>
      </view:name>
      <xsl:if test="v3:patient/v3:birthTime/@value">
        <view:birth-date>
          <xsl:call-template name="ts"><xsl:with-param name="value" select="v3:patient/v3:birthTime/@value"/></xsl:call-template>
        </view:birth-date>
      </xsl:if>
      <xsl:for-each select="v3:patient/v3:administrativeGenderCode[@code or @displayName]">
        <view:sex>
          <xsl:choose>
            <xsl:when test="normalize-space(@displayName) != ''"><xsl:value-of select="normalize-space(@displayName)"/></xsl:when>
            <xsl:when test="@code = 'M'">Male</xsl:when>
            <xsl:when test="@code = 'F'">Female</xsl:when>
            <xsl:when test="@code = 'UN'">Undifferentiated</xsl:when>
            <xsl:otherwise><xsl:value-of select="@code"/></xsl:otherwise>
          </xsl:choose>
        </view:sex>
      </xsl:for-each>
      <xsl:for-each select="v3:id[@extension or @root][not(@nullFlavor)]">
        <view:id>
          <xsl:call-template name="id-text"/>
        </view:id>
      </xsl:for-each>
    </view:patient>
  </xsl:template>

  <!-- ============================================================ sections -->

  <xsl:template match="v3:section">
    <view:section>
      <view:title>
        <xsl:choose>
          <xsl:when test="normalize-space(v3:title) != ''"><xsl:value-of select="normalize-space(v3:title)"/></xsl:when>
          <xsl:otherwise>
            <xsl:variable name="code">
              <xsl:call-template name="code-text"><xsl:with-param name="code" select="v3:code"/></xsl:call-template>
            </xsl:variable>
            <xsl:choose>
              <xsl:when test="normalize-space($code) != ''"><xsl:value-of select="normalize-space($code)"/></xsl:when>
              <xsl:otherwise>Untitled section</xsl:otherwise>
            </xsl:choose>
          </xsl:otherwise>
        </xsl:choose>
      </view:title>
      <xsl:if test="v3:text[normalize-space(.) != '' or .//v3:renderMultiMedia]">
        <view:narrative>
          <xsl:apply-templates select="v3:text" mode="narrative"/>
        </view:narrative>
      </xsl:if>
      <xsl:if test="@nullFlavor and not(v3:text[normalize-space(.) != ''])">
        <view:empty-reason>No information (<xsl:value-of select="@nullFlavor"/>)</view:empty-reason>
      </xsl:if>
      <xsl:apply-templates select="v3:component/v3:section"/>
    </view:section>
  </xsl:template>

  <!-- ============================================================ text helpers -->

  <!-- displayName, else originalText, else the code itself -->
  <xsl:template name="code-text">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="normalize-space($code/@displayName) != ''"><xsl:value-of select="normalize-space($code/@displayName)"/></xsl:when>
      <xsl:when test="normalize-space($code/v3:originalText) != ''"><xsl:value-of select="normalize-space($code/v3:originalText)"/></xsl:when>
      <xsl:when test="$code/@code"><xsl:value-of select="$code/@code"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- PN / ON: prefix given family suffix (the order FHIR HumanName is read in), or the text -->
  <xsl:template name="name-text">
    <xsl:param name="name"/>
    <xsl:choose>
      <xsl:when test="$name/v3:given or $name/v3:family or $name/v3:prefix or $name/v3:suffix">
        <xsl:variable name="parts">
          <xsl:for-each select="$name/v3:prefix"><xsl:value-of select="concat(' ', normalize-space(.))"/></xsl:for-each>
          <xsl:for-each select="$name/v3:given"><xsl:value-of select="concat(' ', normalize-space(.))"/></xsl:for-each>
          <xsl:for-each select="$name/v3:family"><xsl:value-of select="concat(' ', normalize-space(.))"/></xsl:for-each>
          <xsl:for-each select="$name/v3:suffix"><xsl:value-of select="concat(' ', normalize-space(.))"/></xsl:for-each>
        </xsl:variable>
        <xsl:value-of select="normalize-space($parts)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space($name)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="author-text">
    <xsl:for-each select="v3:assignedAuthor">
      <xsl:choose>
        <xsl:when test="v3:assignedPerson/v3:name">
          <xsl:call-template name="name-text"><xsl:with-param name="name" select="v3:assignedPerson/v3:name[1]"/></xsl:call-template>
        </xsl:when>
        <xsl:when test="v3:assignedAuthoringDevice">
          <xsl:value-of select="normalize-space(v3:assignedAuthoringDevice/v3:softwareName | v3:assignedAuthoringDevice/v3:manufacturerModelName[not(../v3:softwareName)])"/>
        </xsl:when>
      </xsl:choose>
      <xsl:if test="v3:representedOrganization/v3:name and (v3:assignedPerson/v3:name or v3:assignedAuthoringDevice)">, </xsl:if>
      <xsl:call-template name="name-text"><xsl:with-param name="name" select="v3:representedOrganization/v3:name[1]"/></xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- II: extension (assigning authority name, else root); a bare root is shown as it is -->
  <xsl:template name="id-text">
    <xsl:choose>
      <xsl:when test="@extension">
        <xsl:value-of select="@extension"/>
        <xsl:choose>
          <xsl:when test="normalize-space(@assigningAuthorityName) != ''"> (<xsl:value-of select="normalize-space(@assigningAuthorityName)"/>)</xsl:when>
          <xsl:when test="@root"> (<xsl:value-of select="@root"/>)</xsl:when>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="@root"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- TS YYYYMMDDhhmmss.sss+zzzz -> YYYY-MM-DD hh:mm +zzzz, each part only when present -->
  <xsl:template name="ts">
    <xsl:param name="value"/>
    <xsl:variable name="v" select="normalize-space($value)"/>
    <xsl:variable name="digits" select="substring-before(concat(translate($v, '+-', '~~'), '~'), '~')"/>
    <xsl:variable name="zone" select="substring($v, string-length($digits) + 1)"/>
    <xsl:variable name="d" select="substring-before(concat($digits, '.'), '.')"/>
    <xsl:value-of select="substring($d, 1, 4)"/>
    <xsl:if test="string-length($d) &gt;= 6">-<xsl:value-of select="substring($d, 5, 2)"/></xsl:if>
    <xsl:if test="string-length($d) &gt;= 8">-<xsl:value-of select="substring($d, 7, 2)"/></xsl:if>
    <xsl:if test="string-length($d) &gt;= 12">
      <xsl:value-of select="concat(' ', substring($d, 9, 2), ':', substring($d, 11, 2))"/>
      <xsl:if test="$zone != ''"><xsl:value-of select="concat(' ', $zone)"/></xsl:if>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
